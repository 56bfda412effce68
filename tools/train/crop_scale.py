"""How the crop's scale rule (and a photo's views) change what the model reads, on the detections the extension made.

The product scales its crop by the eye distance (src/offscreen/faces/align.ts cropBox). A head turned
to one side brings the eyes together while the face stays as wide, so the crop zooms into a
cheek; faces/align.ts therefore floors the eye distance at MIN_EYE_SHARE of the detector's box width.
This script chose that share on dev: it re-cuts every dev face the way the extension does
(tools/camera/image.ts placeInFrame, align.ts cropBox + cropRgba, area resize) from the
detections tools/eval/misses.ts recorded, for several floors, and scores a checkpoint on them;
`--view-shifts` scores a photo check's five crops (src/offscreen/faces/views.ts) the same way.
The reported figures come from `npm run eval -- --full` on the built extension.

    npm run build && find ../shared/fer2013/dev -name '*.jpg' | sort | split -l 900 -d - /tmp/dev-part-
    for p in /tmp/dev-part-0?; do npx tsx tools/eval/misses.ts --list $p --frame 0.55 --json $p.json; done
    /usr/bin/python3 tools/train/crop_scale.py --detections /tmp/dev-part-0?.json --fill 0.55 --checkpoint CK.pt

(CK.pt: the shipped model's is rebuilt by recover.py, see README.md. One misses.ts run over
~2,000 images stopped with "Target closed": the offscreen document went away, most likely closed
as idle, since misses.ts calls it directly rather than through checks. 900 a run finish.)
"""
import argparse
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import augment
import data
import pipeline_eval
import train
from model import load_checkpoint

GEOMETRY = (2.7, 0.3)  # align.ts FER_GEOMETRY: crop side and centre drop, in eye distances
CROP_SIDE = 160  # faces/views.ts: model input x CROP_OVERSAMPLE


def place(img, fill, width=640, height=480):
    """placeInFrame: bilinear scaling onto a mid-grey frame, centred."""
    h0, w0 = img.shape
    scale = min(width * fill / w0, height * fill / h0)
    w, h = max(1, round(w0 * scale)), max(1, round(h0 * scale))
    x0, y0 = (width - w) // 2, (height - h) // 2
    out = np.full((height, width), 128.0)
    sx = np.clip((np.arange(w) + 0.5) / scale - 0.5, 0, w0 - 1)
    sy = np.clip((np.arange(h) + 0.5) / scale - 0.5, 0, h0 - 1)
    x1, y1 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    x2, y2 = np.minimum(w0 - 1, x1 + 1), np.minimum(h0 - 1, y1 + 1)
    fx, fy = sx - x1, (sy - y1)[:, None]
    top = img[y1][:, x1] * (1 - fx) + img[y1][:, x2] * fx
    bottom = img[y2][:, x1] * (1 - fx) + img[y2][:, x2] * fx
    out[y0:y0 + h, x0:x0 + w] = np.round(top * (1 - fy) + bottom * fy)
    return out


def mirror(x, n):
    period = 2 * (n - 1)
    m = np.mod(x, period)
    return np.where(m > n - 1, period - m, m)


def from_centre(center, angle, ox, oy):
    """align.ts fromCentre: the image point ox, oy from the crop's centre along its levelled axes."""
    c, s = math.cos(-angle), math.sin(-angle)
    return center[0] + ox * c - oy * s, center[1] + ox * s + oy * c


def cut(frame, center, side, angle, out=CROP_SIDE):
    """cropRgba: bilinear samples of the levelled square, the frame mirrored past its edge."""
    height, width = frame.shape
    u = (np.arange(out) + 0.5 - out / 2) * side / out
    x, y = from_centre(center, angle, *np.meshgrid(u, u))
    x, y = mirror(x - 0.5, width), mirror(y - 0.5, height)
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    x1, y1 = np.minimum(width - 1, x0 + 1), np.minimum(height - 1, y0 + 1)
    fx, fy = x - x0, y - y0
    a = frame[y0, x0] * (1 - fx) + frame[y0, x1] * fx
    b = frame[y1, x0] * (1 - fx) + frame[y1, x1] * fx
    return np.clip(np.round(a * (1 - fy) + b * fy), 0, 255)


def crop_box(face, floor):
    """cropBox with the eye distance floored at `floor` x the box width (None: no floor)."""
    (ax, ay), (bx, by) = [(p['x'], p['y']) for p in face['keypoints'][:2]]
    if ax > bx:
        ax, ay, bx, by = bx, by, ax, ay
    tilt = math.atan2(by - ay, bx - ax)
    e = math.hypot(bx - ax, by - ay)
    if floor is not None:
        e = max(e, floor * face['box']['width'])
    size, down = GEOMETRY
    mid = ((ax + bx) / 2, (ay + by) / 2)
    return (mid[0] - math.sin(tilt) * down * e, mid[1] + math.cos(tilt) * down * e), size * e, -tilt


def shift_box(box, dx, dy):
    """faces/align.ts shiftBox: the crop moved by dx, dy of its side along its own (levelled) axes."""
    center, side, angle = box
    return from_centre(center, angle, dx * side, dy * side), side, angle


def judged_face(record):
    """The face judgeFrame reads: the largest plausible one scored >= 0.5."""
    faces = [f for f in record['found'] if f['plausible'] and f['score'] >= 0.5]
    return max(faces, key=lambda f: f['box']['width'] * f['box']['height'])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--detections', nargs='+', required=True, help='misses.ts --json output(s) for dev images')
    ap.add_argument('--fill', type=float, required=True, help='the --frame the detections were made at')
    ap.add_argument('--checkpoint', required=True)
    ap.add_argument('--floors', default='none,0.3,0.35,0.4,0.42,0.45')
    ap.add_argument('--temperature', type=float, default=1.0,
                    help="the model's own temperature (models/mooddj/model.json; recover.py's checkpoint is without it)")
    ap.add_argument('--view-shifts', default='0', help='faces/views.ts VIEW_SHIFT values to score (0: the centred crop alone)')
    args = ap.parse_args()
    torch.set_num_threads(2)
    net, ck = load_checkpoint(args.checkpoint)
    records = [r for path in args.detections for r in json.load(open(path)) if r['verdict'] == 'face']
    faces = [judged_face(r) for r in records]
    frames = [place(np.asarray(Image.open(r['file']).convert('L'), dtype=np.float64), args.fill) for r in records]
    y = torch.tensor([data.EMOTIONS.index(os.path.basename(os.path.dirname(r['file']))) for r in records])
    ratio = np.array([math.hypot(f['keypoints'][0]['x'] - f['keypoints'][1]['x'], f['keypoints'][0]['y'] - f['keypoints'][1]['y'])
                      / f['box']['width'] for f in faces])
    print(f'{len(records)} faces read; eye distance / box width percentiles 1,5,25,50,75,95,99:',
          np.percentile(ratio, [1, 5, 25, 50, 75, 95, 99]).round(3))
    close = torch.from_numpy(ratio < 0.3)
    for name, shift in [(n, float(v)) for n in args.floors.split(',') for v in args.view_shifts.split(',')]:
        floor = None if name == 'none' else float(name)
        # The centred crop, and for a shift the four moved ones of a photo check (faces/views.ts).
        moves = [(0, 0)] + ([(1, 0), (-1, 0), (0, 1), (0, -1)] if shift else [])
        p = 0
        for mx, my in moves:
            x = np.stack([cut(fr, *shift_box(crop_box(f, floor), mx * shift, my * shift)) for f, fr in zip(faces, frames)])
            x = augment.resize(torch.from_numpy(x.astype(np.float32) / 255).unsqueeze(1), ck['size'])
            with torch.no_grad():
                # Flip-averaged, as pipeline_eval scores the product's crops.
                p = p + pipeline_eval.probs(net(x), net(torch.flip(x, dims=[3])), args.temperature) / len(moves)
        s = train.scores(p, y)
        right = p.argmax(1) == y
        print(f'floor {name:>5}, view shift {shift}: accuracy {100 * s["acc"]:.2f} %, macro-F1 {100 * s["f1"]:.2f} %; '
              f'eyes under 0.3 of the box ({int(close.sum())} faces): {100 * right[close].float().mean():.1f} % right', flush=True)
        if shift:
            # model/combine.ts VIEWS_TEMPERATURE: the views' mean made surer, fitted by log-loss.
            fit = min((F.cross_entropy(torch.log(p) / t, y).item(), t) for t in np.arange(0.8, 1.0001, 0.01))[1]
            print(f'    views temperature fitted by log-loss: {fit:.2f}', flush=True)


if __name__ == '__main__':
    main()
