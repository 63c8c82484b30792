"""PyTorch's side of test/cli/torch-interop.test.ts (run with Debian's /usr/bin/python3, torch and numpy from apt).

    torch_interop.py logits MODEL.safetensors IDS            -> the scores [T, V] of ids IDS (JSON list), as JSON
    torch_interop.py make CELL LAYERS HIDDEN EMBED SEED VOCAB OUT.safetensors IDS
                                                             -> a random float64 model saved for rnnlab; its scores
    torch_interop.py continue MODEL.safetensors TEXT_FILE OUT.safetensors
                                                             -> the README's snippet: load, train 30 Adam steps on the
                                                                text, save back; prints the first and last loss
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'cli', 'python'))
from rnnlab_torch import RNNLanguageModel, load_rnnlab, save_rnnlab  # noqa: E402


def scores(model, ids):
    with torch.no_grad():
        out, _ = model(torch.tensor([ids], dtype=torch.long))
    return out[0].tolist()


def main():
    command = sys.argv[1]
    if command == 'logits':
        model, _ = load_rnnlab(sys.argv[2])
        print(json.dumps(scores(model, json.loads(sys.argv[3]))))
    elif command == 'make':
        cell, layers, hidden, embed, seed, vocab, out, ids = sys.argv[2:10]
        vocab = json.loads(vocab)
        torch.manual_seed(int(seed))
        embedding = None if embed == 'none' else int(embed)
        model = RNNLanguageModel(cell, len(vocab['tokens']), int(hidden), int(layers), embedding, 0.0).double().eval()
        save_rnnlab(out, model, vocab)
        print(json.dumps(scores(model, json.loads(ids))))
    elif command == 'continue':
        # The README's snippet, as written there.
        model, vocab = load_rnnlab(sys.argv[2])
        text = open(sys.argv[3], encoding='utf-8').read()
        index = {t: i for i, t in enumerate(vocab['tokens'])}
        data = torch.tensor([index[c] for c in text], dtype=torch.long)
        device = 'cuda' if torch.cuda.is_available() else 'cpu'
        model = model.to(device).train()
        optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
        batch, steps = 16, 32
        losses = []
        for step in range(30):
            starts = torch.randint(0, len(data) - steps - 1, (batch,))
            x = torch.stack([data[s:s + steps] for s in starts]).to(device)
            y = torch.stack([data[s + 1:s + steps + 1] for s in starts]).to(device)
            logits, _ = model(x)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_value_(model.parameters(), 5.0)
            optimizer.step()
            losses.append(loss.item())
        save_rnnlab(sys.argv[4], model.cpu(), vocab)
        print(json.dumps({'first': losses[0], 'last': losses[-1]}))
    else:
        raise SystemExit(f'unknown command {command}')


if __name__ == '__main__':
    main()
