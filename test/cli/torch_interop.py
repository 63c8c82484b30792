"""PyTorch's side of test/cli/torch-interop.test.ts (run with Debian's /usr/bin/python3, torch and numpy from apt).

    torch_interop.py logits MODEL.safetensors IDS            -> the scores [T, V] of ids IDS (JSON list), as JSON
    torch_interop.py make CELL LAYERS HIDDEN EMBED SEED VOCAB OUT.safetensors IDS
                                                             -> a random float64 model saved for rnnlab; its scores
    torch_interop.py serve                                   -> reads one JSON list of arguments per line from stdin
                                                                and answers each with one JSON line (torch loads once)
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


def run(argv):
    command = argv[0]
    if command == 'logits':
        model, _ = load_rnnlab(argv[1])
        return scores(model, json.loads(argv[2]))
    if command == 'make':
        cell, layers, hidden, embed, seed, vocab, out, ids = argv[1:9]
        vocab = json.loads(vocab)
        torch.manual_seed(int(seed))
        embedding = None if embed == 'none' else int(embed)
        model = RNNLanguageModel(cell, len(vocab['tokens']), int(hidden), int(layers), embedding, 0.0).double().eval()
        save_rnnlab(out, model, vocab)
        return scores(model, json.loads(ids))
    raise ValueError(f'unknown command {command}')


if __name__ == '__main__':
    if sys.argv[1] == 'serve':
        for line in sys.stdin:
            try:
                answer = {'result': run(json.loads(line))}
            except Exception as error:  # reported to the test, which fails with it
                answer = {'error': f'{type(error).__name__}: {error}'}
            print(json.dumps(answer), flush=True)
    else:
        print(json.dumps(run(sys.argv[1:])))
