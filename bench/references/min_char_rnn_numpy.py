"""Workloads A and S reference: Karpathy's min-char-rnn.py (2015) as written — lossFun, the Adagrad loop and sample —
timed on random ids with the same sizes as rnnlab's MinCharRnn (H 100, T 25, V 65, learning rate 0.1, clip 5).

Usage: min_char_rnn_numpy.py train ITERATIONS ROUNDS | sample CHARS ROUNDS
Prints one JSON object: wall and CPU seconds per round (each round = ITERATIONS iterations or one sample of CHARS), peak RSS,
numpy's version and the BLAS it runs (threadpoolctl when installed, else numpy.show_config()).
"""
import io
import json
import resource
import sys
import time
from contextlib import redirect_stdout

import numpy as np

mode, count, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
hidden_size, seq_length, learning_rate, vocab_size = 100, 25, 1e-1, 65
np.random.seed(42)
data = np.random.randint(0, vocab_size, 100_000)
Wxh = np.random.randn(hidden_size, vocab_size) * 0.01
Whh = np.random.randn(hidden_size, hidden_size) * 0.01
Why = np.random.randn(vocab_size, hidden_size) * 0.01
bh = np.zeros((hidden_size, 1))
by = np.zeros((vocab_size, 1))


def lossFun(inputs, targets, hprev):
    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(hprev)
    loss = 0
    for t in range(len(inputs)):
        xs[t] = np.zeros((vocab_size, 1))
        xs[t][inputs[t]] = 1
        hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t - 1]) + bh)
        ys[t] = np.dot(Why, hs[t]) + by
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][targets[t], 0])
    dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    dbh, dby = np.zeros_like(bh), np.zeros_like(by)
    dhnext = np.zeros_like(hs[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t])
        dy[targets[t]] -= 1
        dWhy += np.dot(dy, hs[t].T)
        dby += dy
        dh = np.dot(Why.T, dy) + dhnext
        dhraw = (1 - hs[t] * hs[t]) * dh
        dbh += dhraw
        dWxh += np.dot(dhraw, xs[t].T)
        dWhh += np.dot(dhraw, hs[t - 1].T)
        dhnext = np.dot(Whh.T, dhraw)
    for dparam in [dWxh, dWhh, dWhy, dbh, dby]:
        np.clip(dparam, -5, 5, out=dparam)
    return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs) - 1]


def sample(h, seed_ix, n):
    x = np.zeros((vocab_size, 1))
    x[seed_ix] = 1
    ixes = []
    for t in range(n):
        h = np.tanh(np.dot(Wxh, x) + np.dot(Whh, h) + bh)
        y = np.dot(Why, h) + by
        p = np.exp(y) / np.sum(np.exp(y))
        ix = np.random.choice(range(vocab_size), p=p.ravel())
        x = np.zeros((vocab_size, 1))
        x[ix] = 1
        ixes.append(ix)
    return ixes


mWxh, mWhh, mWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
mbh, mby = np.zeros_like(bh), np.zeros_like(by)
state = {'p': 0, 'hprev': np.zeros((hidden_size, 1))}


def train(iterations):
    for _ in range(iterations):
        p = state['p']
        if p + seq_length + 1 >= len(data):
            p, state['hprev'] = 0, np.zeros((hidden_size, 1))
        inputs = data[p:p + seq_length]
        targets = data[p + 1:p + seq_length + 1]
        loss, dWxh, dWhh, dWhy, dbh, dby, state['hprev'] = lossFun(inputs, targets, state['hprev'])
        for param, dparam, mem in zip([Wxh, Whh, Why, bh, by], [dWxh, dWhh, dWhy, dbh, dby], [mWxh, mWhh, mWhy, mbh, mby]):
            mem += dparam * dparam
            param += -learning_rate * dparam / np.sqrt(mem + 1e-8)
        state['p'] = p + seq_length


def blas():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ('internal_api', 'version', 'architecture', 'num_threads', 'filepath')} for i in threadpool_info()]
    except ImportError:
        out = io.StringIO()
        with redirect_stdout(out):
            np.show_config()
        return out.getvalue()


train(200)  # warm-up: past the first chaotic iterations, as rnnlab's timing does
seconds, cpu_seconds = [], []
for _ in range(rounds):
    start, cpu = time.perf_counter(), time.process_time()
    if mode == 'train':
        train(count)
    else:
        sample(state['hprev'], 0, count)
    seconds.append(time.perf_counter() - start)
    cpu_seconds.append(time.process_time() - cpu)
print(json.dumps({
    'seconds': seconds,
    'cpuSeconds': cpu_seconds,
    'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    'library': f'numpy {np.__version__}',
    'blas': blas(),
}))
