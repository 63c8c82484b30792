"""Load an rnnlab model into PyTorch, and save a PyTorch-trained one back for rnnlab.

    rnnlab export runs/my-run --format torch model.safetensors     # in rnnlab
    model, vocab = load_rnnlab('model.safetensors')                 # here: an nn.Module with nn.LSTM / nn.GRU / nn.RNN
    ... train on a GPU ...
    save_rnnlab('trained.safetensors', model, vocab)                # then: rnnlab import trained.safetensors model.json

Needs only torch and numpy (Debian: apt-get install python3-torch python3-numpy). The safetensors format is read and
written here by hand -- 8 bytes of header size, a JSON header, the tensors' bytes -- so the `safetensors` package is
not required; with it installed, safetensors.torch.load_file reads these files too.

The module mirrors rnnlab's RecurrentLM: one-hot characters (or an nn.Embedding for words) -> num_layers recurrent
layers (batch_first) with dropout between them -> dropout -> nn.Linear to vocabulary scores. Weights are float64 as
in rnnlab; call model.float() for float32 on a GPU.
"""
import json
import struct

import numpy as np
import torch
from torch import nn

_DTYPES = {'F64': (np.float64, 8), 'F32': (np.float32, 4)}


def read_safetensors(path):
    """Returns ({name: torch.Tensor}, {metadata key: str}) from a .safetensors file (F64 or F32 tensors)."""
    with open(path, 'rb') as f:
        (n,) = struct.unpack('<Q', f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    metadata = header.pop('__metadata__', {})
    tensors = {}
    for name, entry in header.items():
        dtype, size = _DTYPES[entry['dtype']]
        begin, end = entry['data_offsets']
        values = np.frombuffer(data, dtype=np.dtype(dtype).newbyteorder('<'), count=(end - begin) // size, offset=begin)
        tensors[name] = torch.from_numpy(values.astype(dtype).reshape(entry['shape']).copy())
    return tensors, metadata


def write_safetensors(path, tensors, metadata):
    """Writes {name: torch.Tensor} (as F64) with string metadata in the safetensors format."""
    header, chunks, offset = {'__metadata__': metadata}, [], 0
    for name, t in tensors.items():
        values = t.detach().cpu().to(torch.float64).contiguous().numpy().astype('<f8')
        header[name] = {'dtype': 'F64', 'shape': list(values.shape), 'data_offsets': [offset, offset + values.nbytes]}
        chunks.append(values.tobytes())
        offset += values.nbytes
    text = json.dumps(header, separators=(',', ':'))
    text += ' ' * (-len(text.encode('utf-8')) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text.encode('utf-8'))))
        f.write(text.encode('utf-8'))
        for chunk in chunks:
            f.write(chunk)


class RNNLanguageModel(nn.Module):
    """rnnlab's RecurrentLM in torch.nn: ids [N, T] -> scores [N, T, V]."""

    def __init__(self, cell, vocab_size, hidden_size, num_layers, embedding_size=None, dropout=0.0):
        super().__init__()
        self.vocab_size = vocab_size
        self.embed = nn.Embedding(vocab_size, embedding_size) if embedding_size else None
        rnn = {'lstm': nn.LSTM, 'gru': nn.GRU, 'rnn': nn.RNN}[cell]
        self.rnn = rnn(embedding_size or vocab_size, hidden_size, num_layers, batch_first=True,
                       dropout=dropout if num_layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(hidden_size, vocab_size)

    def forward(self, ids, state=None):
        if self.embed is not None:
            x = self.embed(ids)
        else:
            x = nn.functional.one_hot(ids, self.vocab_size).to(self.out.weight.dtype)
        h, state = self.rnn(x, state)
        return self.out(self.drop(h)), state


def load_rnnlab(path):
    """The model (float64, eval mode) and its vocabulary {'level': 'char'|'word', 'tokens': [...]} from `rnnlab export`."""
    tensors, meta = read_safetensors(path)
    if meta.get('format') != 'rnnlab-torch':
        raise ValueError(f'{path}: not an rnnlab export (metadata format is {meta.get("format")!r})')
    embedding = None if meta['embedding_size'] == 'none' else int(meta['embedding_size'])
    model = RNNLanguageModel(meta['cell'], int(meta['vocab_size']), int(meta['hidden_size']), int(meta['num_layers']),
                             embedding, float(meta['dropout'])).double()
    model.load_state_dict(tensors)
    return model.eval(), json.loads(meta['vocab'])


def save_rnnlab(path, model, vocab):
    """Saves an RNNLanguageModel with its vocabulary for `rnnlab import`."""
    rnn = model.rnn
    cell = {nn.LSTM: 'lstm', nn.GRU: 'gru', nn.RNN: 'rnn'}[type(rnn)]
    if cell == 'rnn' and rnn.nonlinearity != 'tanh':
        raise ValueError('rnnlab has tanh RNNs only')
    meta = {
        'format': 'rnnlab-torch', 'version': '1', 'cell': cell, 'num_layers': str(rnn.num_layers),
        'hidden_size': str(rnn.hidden_size), 'vocab_size': str(model.vocab_size),
        'embedding_size': 'none' if model.embed is None else str(model.embed.embedding_dim),
        'dropout': str(model.drop.p), 'vocab': json.dumps(vocab),
    }
    write_safetensors(path, model.state_dict(), meta)
