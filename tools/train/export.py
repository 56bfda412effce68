"""Checkpoint -> models/mooddj/{model.json, weights.bin}, read by src/offscreen/model/emotion/mooddj.ts.

BatchNorm is folded into the conv before it, weights are stored in TF.js layouts
(conv [kh, kw, in, out], dense [in, out]) as float16 via TF.js's own weight-quantisation
spec, so `tf.io.decodeWeights` reads them. Checks the exported net against the checkpoint
on the dev set before writing anything.

    /usr/bin/python3 tools/train/export.py --checkpoint /tmp/mooddj-run/checkpoint.pt --out models/mooddj
"""
import argparse
import json
import os
import shutil

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

import augment
import data
import train
from model import MIN_STD, load_checkpoint, standardise


def fold(conv, bn):
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    w = conv.weight * scale.view(-1, 1, 1, 1)
    b = bn.bias - bn.running_mean * scale
    return w.detach(), b.detach()


def export_layers(net):
    """[(layer dict, {suffix: tensor in TF layout})] in execution order."""
    out = []
    mods = list(net.features)
    n = 0
    for i, m in enumerate(mods):
        if isinstance(m, nn.Conv2d):
            n += 1
            w, b = fold(m, mods[i + 1])
            out.append(({'op': 'conv', 'name': f'conv{n}'}, {'kernel': w.permute(2, 3, 1, 0), 'bias': b}))
        elif isinstance(m, nn.MaxPool2d):
            out.append(({'op': 'maxpool'}, {}))
    out.append(({'op': 'gap'}, {}))
    out.append(({'op': 'dense', 'name': 'fc'}, {'kernel': net.fc.weight.detach().t(), 'bias': net.fc.bias.detach()}))
    return out


def run_exported(layers, weights, x):
    """The exported layer list run with plain torch ops, mirroring the TypeScript runner."""
    h = standardise(x)
    for layer in layers:
        op = layer['op']
        if op == 'conv':
            k = weights[layer['name'] + '/kernel'].permute(3, 2, 0, 1)
            h = F.relu(F.conv2d(h, k, weights[layer['name'] + '/bias'], padding=1))
        elif op == 'maxpool':
            h = F.max_pool2d(h, 2)
        elif op == 'gap':
            h = h.mean(dim=(2, 3))
        elif op == 'dense':
            h = h @ weights[layer['name'] + '/kernel'] + weights[layer['name'] + '/bias']
    return h


@torch.no_grad()
def scan(net, x, y, log_share):
    logits = net(x)
    flipped = net(torch.flip(x, dims=[3]))
    for tau in (0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0):
        shift = tau * log_share
        p = (F.softmax(logits - shift, 1) + F.softmax(flipped - shift, 1)) / 2
        s = train.scores(p, y)
        print(f"tau {tau:.1f}: dev acc {s['acc']:.4f} macro-F1 {s['f1']:.4f} recall {' '.join(f'{r:.2f}' for r in s['recall'])}")


def copy_logs(checkpoint, out):
    """The training log of this checkpoint's run and of every run it was started from (--init),
    as training-log-stage<N>.csv / training-summary-stage<N>.json, first run first. A chain that
    starts from a recovered export (recover.py) begins with that export's own stage files."""
    chain, history = [], []
    while checkpoint:
        if not os.path.exists(checkpoint):
            # e.g. a run resumed from committed state whose --init lived in /tmp: recreate it with
            # recover.py at that path to carry the older stages' logs along.
            print(f'warning: {checkpoint} (an earlier stage) is gone; its logs are not copied')
            break
        run_dir = os.path.dirname(os.path.abspath(checkpoint))
        args = torch.load(checkpoint, map_location='cpu')['args']
        if 'recovered_from' in args:
            history = [os.path.join(run_dir, name) for name in args['history']]
        else:
            chain.insert(0, run_dir)
        checkpoint = args.get('init')
    for path in history:
        if os.path.abspath(os.path.dirname(path)) != os.path.abspath(out):
            shutil.copy(path, out)
    first = 1 + len([p for p in history if p.endswith('.csv')])
    for stage, run_dir in enumerate(chain, first):
        for name, ext in (('training-log', 'csv'), ('training-summary', 'json')):
            src = os.path.join(run_dir, f'{name}.{ext}')
            if os.path.exists(src):
                shutil.copy(src, os.path.join(out, f'{name}-stage{stage}.{ext}'))


def write_export(net, ck, x, y, out, temperature=1.0, logit_adjust=0.0, log_share=None, flip=True):
    """Folds, checks against the checkpoint on dev images `x` (already at the model's size) and
    labels `y`, and writes out/model.json + weights.bin. Changes `net`'s last layer in place
    (logit adjustment, temperature). Returns the exported net's dev accuracy (no flip)."""
    with torch.no_grad():
        if logit_adjust:
            net.fc.bias -= logit_adjust * log_share
        # softmax(z / T): the same argmax, confidences that match how often the model is right.
        net.fc.weight /= temperature
        net.fc.bias /= temperature
    pairs = export_layers(net)
    layers = [layer for layer, _ in pairs]
    specs, blobs, weights16 = [], [], {}
    for layer, tensors in pairs:
        for suffix, t in tensors.items():
            name = f"{layer['name']}/{suffix}"
            half = t.detach().cpu().contiguous().numpy().astype('<f2')
            weights16[name] = torch.from_numpy(half.astype(np.float32))
            specs.append({'name': name, 'shape': list(t.shape), 'dtype': 'float32', 'quantization': {'dtype': 'float16'}})
            blobs.append(half.tobytes())

    with torch.no_grad():
        ref = net(x)
        got = run_exported(layers, weights16, x)
    drift = (F.softmax(ref, 1) - F.softmax(got, 1)).abs().max().item()
    agree = (ref.argmax(1) == got.argmax(1)).float().mean().item()
    acc = (got.argmax(1) == y).float().mean().item()
    print(f'exported vs checkpoint: max prob diff {drift:.4f}, same top class {agree:.4f}, dev acc (no flip) {acc:.4f}')
    if agree < 0.99:
        raise SystemExit('exported net disagrees with the checkpoint; not writing it')

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'weights.bin'), 'wb') as f:
        f.write(b''.join(blobs))
    topology = {
        'inputSize': ck['size'],
        'classes': data.EMOTIONS,
        'input': {'range': [0, 1], 'standardise': 'per-image', 'minStd': MIN_STD},
        'flipAverage': flip,
        'layers': layers,
        'trainedEpoch': ck['epoch'],
        'logitAdjust': logit_adjust,
        # Already folded into fc; recorded so the description says how the model was calibrated.
        'temperature': temperature,
    }
    model_json = {'format': 'mooddj-layers', 'generatedBy': 'tools/train/export.py', 'modelTopology': topology,
                  'weightsManifest': [{'paths': ['weights.bin'], 'weights': specs}]}
    with open(os.path.join(out, 'model.json'), 'w') as f:
        json.dump(model_json, f, indent=1)
    print(f"wrote {out}: {sum(len(b) for b in blobs)} weight bytes")
    return acc


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--checkpoint', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--fer', default=os.path.normpath(os.path.join(here, '../../../shared/fer2013')))
    ap.add_argument('--cache', default='/tmp/mooddj-cache')
    ap.add_argument('--logit-adjust', type=float, default=0.0, metavar='TAU',
                    help='subtract TAU x log(train class share) from the class scores: trades accuracy on common classes '
                         'for recall on rare ones (Menon et al. 2021, "Long-tail learning via logit adjustment")')
    ap.add_argument('--temperature', type=float, default=1.0,
                    help='divide the class scores by T (folded into the last layer): the calibration pipeline_eval.py '
                         '--fit-temperature finds on dev pipeline crops')
    ap.add_argument('--scan', action='store_true', help='print dev scores for a range of TAU and write nothing')
    ap.add_argument('--no-flip', action='store_true', help='do not average with the mirrored face at runtime')
    args = ap.parse_args()
    torch.set_num_threads(2)

    net, ck = load_checkpoint(args.checkpoint)
    _, train_y, _ = data.load_split(args.fer, 'train', args.cache)
    log_share = torch.log(torch.bincount(train_y, minlength=len(data.EMOTIONS)).float() / len(train_y))
    dx, dy, _ = data.load_split(args.fer, 'dev', args.cache)
    x = augment.resize(dx.float().unsqueeze(1) / 255, ck['size'])
    if args.scan:
        scan(net, x, dy, log_share)
        return
    write_export(net, ck, x, dy, args.out, args.temperature, args.logit_adjust, log_share, flip=not args.no_flip)
    copy_logs(args.checkpoint, args.out)


if __name__ == '__main__':
    main()
