"""Scores checkpoints on the product's own dev crops (pipeline-crops.ts --fill F on
../shared/fer2013/dev), the way the extension runs them: crop area-averaged to the model's
side, per-image standardisation, flip averaging. Fits the softmax temperature there.

Cheaper than `npm run eval -- --full` (which runs Chromium per image), so it can compare
epochs and fit the calibration; the figures to report still come from `npm run eval`.

    /usr/bin/python3 tools/train/pipeline_eval.py --checkpoint CK.pt [CK2.pt ...] \
        --crops /tmp/mooddj-pipeline-crops-dev-0.55 [--fit-temperature]
"""
import argparse
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import augment
import data
import train
from model import load_checkpoint

ECE_BINS = 15  # as tools/eval/report.ts


def load_crops(fer, crops_dir, size):
    items = data._list(os.path.join(fer, 'dev'))
    listed = data.read_crop_manifest(crops_dir)
    xs, ys, missing, not_found = [], [], 0, 0
    for path, label in items:
        rel = os.path.relpath(path, os.path.join(fer, 'dev'))
        found = listed.get(rel)
        if found is None:
            missing += 1
        elif not found:
            not_found += 1
        else:
            png = os.path.join(crops_dir, os.path.splitext(rel)[0] + '.png')
            xs.append(np.asarray(Image.open(png).convert('L'), dtype=np.float32) / 255)
            ys.append(label)
    x = augment.resize(torch.from_numpy(np.stack(xs)).unsqueeze(1), size)
    return x, torch.tensor(ys), not_found, missing


@torch.no_grad()
def logits_of(checkpoint, x):
    net, ck = load_checkpoint(checkpoint)
    return net(x), net(torch.flip(x, dims=[3])), ck['size']


def probs(z, zf, t):
    return (F.softmax(z / t, 1) + F.softmax(zf / t, 1)) / 2


def report(p, y, not_found):
    conf, pred = p.max(1)
    right = (pred == y).float()
    ece = 0.0
    for b in range(ECE_BINS):
        m = (conf > b / ECE_BINS) & (conf <= (b + 1) / ECE_BINS)
        if m.any():
            ece += m.float().mean().item() * abs(conf[m].mean().item() - right[m].mean().item())
    s = train.scores(p, y)
    sure = conf >= 0.8
    out = {'n': len(y), 'not_found': not_found, 'acc': s['acc'], 'f1': s['f1'], 'end_to_end_acc': right.sum().item() / (len(y) + not_found),
           'ece': ece, 'nll': s['loss'], 'share_conf_ge_0.8': sure.float().mean().item(),
           'acc_conf_ge_0.8': right[sure].mean().item() if sure.any() else float('nan')}
    for bar in (0.4, 0.5, 0.6):
        keep = conf >= bar
        out[f'acc_above_{bar}'] = right[keep].mean().item()
        out[f'share_below_{bar}'] = 1 - keep.float().mean().item()
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--checkpoint', nargs='+', required=True)
    ap.add_argument('--crops', required=True, help='pipeline-crops.ts output for dev')
    ap.add_argument('--fer', default=os.path.normpath(os.path.join(here, '../../../shared/fer2013')))
    ap.add_argument('--fit-temperature', action='store_true', help='also report at the NLL-minimising temperature')
    args = ap.parse_args()
    torch.set_num_threads(2)
    size = torch.load(args.checkpoint[0], map_location='cpu')['size']
    x, y, not_found, missing = load_crops(args.fer, args.crops, size)
    print(f'{len(y)} dev crops, {not_found} faces not found, {missing} not yet cropped')
    for ck in args.checkpoint:
        z, zf, _ = logits_of(ck, x)
        r = report(probs(z, zf, 1.0), y, not_found)
        print(ck, 'T=1', {k: round(v, 4) for k, v in r.items()})
        if args.fit_temperature:
            grid = torch.arange(0.5, 3.001, 0.01)
            nll = [F.nll_loss(torch.log(probs(z, zf, t).clamp(min=1e-8)), y).item() for t in grid]
            t = grid[int(np.argmin(nll))].item()
            r = report(probs(z, zf, t), y, not_found)
            print(ck, f'T={t:.2f}', {k: round(v, 4) for k, v in r.items()})


if __name__ == '__main__':
    main()
