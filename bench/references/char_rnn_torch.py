"""Workload C / C' reference: one char-rnn training iteration in PyTorch (nn.LSTM on one-hot input, a linear output
layer, mean cross-entropy, Adam), the same sizes and the same work per iteration as rnnlab's RecurrentLM.

Usage: char_rnn_torch.py LAYERS HIDDEN BATCH SEQ VOCAB DTYPE(float64|float32) ITERATIONS THREADS
Prints one JSON object: the wall and CPU time of each timed iteration (after two warm-up iterations), peak RSS, versions.
"""
import json
import resource
import sys
import time

import torch

layers, hidden, batch, seq, vocab = (int(v) for v in sys.argv[1:6])
dtype = {'float64': torch.float64, 'float32': torch.float32}[sys.argv[6]]
iterations, threads = int(sys.argv[7]), int(sys.argv[8])
torch.set_num_threads(threads)
torch.manual_seed(0)

lstm = torch.nn.LSTM(vocab, hidden, layers, batch_first=True).to(dtype)
out = torch.nn.Linear(hidden, vocab).to(dtype)
params = list(lstm.parameters()) + list(out.parameters())
optimizer = torch.optim.Adam(params, lr=2e-3)
x = torch.randint(0, vocab, (batch, seq))
y = torch.randint(0, vocab, (batch, seq))
state = None


def step():
    global state
    inputs = torch.nn.functional.one_hot(x, vocab).to(dtype)
    h, state = lstm(inputs, state)
    state = tuple(s.detach() for s in state)  # truncated BPTT, as rnnlab carries the state between chunks
    loss = torch.nn.functional.cross_entropy(out(h).reshape(-1, vocab), y.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


for _ in range(2):
    step()
times, cpu_times = [], []
for _ in range(iterations):
    start, cpu = time.perf_counter(), time.process_time()
    step()
    times.append(time.perf_counter() - start)
    cpu_times.append(time.process_time() - cpu)
print(json.dumps({
    'seconds': times,
    'cpuSeconds': cpu_times,
    'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    'library': f'torch {torch.__version__}',
    'threads': torch.get_num_threads(),
}))
