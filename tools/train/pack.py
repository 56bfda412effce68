"""Packs what a GPU run needs from ../shared into one compressed file, and reads it back.

The device machine (see gpu-run.sh) has no ../shared and carries at most 64 MiB of ignored
files, so FER2013 train + dev (74 MB of pixels), the FER+ votes and CK+ travel as one file:
each image's pixels as residuals of the median edge predictor (LOCO-I / JPEG-LS: each pixel
guessed from its left, upper and upper-left neighbours), which xz then packs to ~50 MB; the
pixels come back bit for bit (checked before the file is written). Needs numpy only.

    /usr/bin/python3 tools/train/pack.py --out .out/gpu/fer-pack.xz            # everything
    /usr/bin/python3 tools/train/pack.py --out /tmp/geo-tiny.xz --limit 300    # a rehearsal's share
"""
import argparse
import io
import lzma
import os
import time

import numpy as np

# What the device may carry in all (the run tool's carry limit), less room for the rest.
CARRY_LIMIT = 64 * 2 ** 20


def _neighbours(a):
    w = np.zeros_like(a)
    w[:, :, 1:] = a[:, :, :-1]
    n = np.zeros_like(a)
    n[:, 1:, :] = a[:, :-1, :]
    nw = np.zeros_like(a)
    nw[:, 1:, 1:] = a[:, :-1, :-1]
    return w, n, nw


def _med(w, n, nw):
    hi, lo = np.maximum(w, n), np.minimum(w, n)
    return np.where(nw >= hi, lo, np.where(nw <= lo, hi, w + n - nw))


def encode(images):
    """uint8 [N, H, W] -> uint8 residuals (pixel - prediction, mod 256)."""
    a = images.astype(np.int16)
    return ((a - _med(*_neighbours(a))) % 256).astype(np.uint8)


def decode(residuals):
    """encode's inverse: rebuilt pixel by pixel in raster order, every image at once."""
    r = residuals.astype(np.int16)
    out = np.zeros_like(r)
    _, h, w = r.shape
    zero = np.zeros(len(r), dtype=np.int16)
    for y in range(h):
        for x in range(w):
            left = out[:, y, x - 1] if x else zero
            up = out[:, y - 1, x] if y else zero
            upleft = out[:, y - 1, x - 1] if x and y else zero
            out[:, y, x] = (r[:, y, x] + _med(left, up, upleft)) % 256
    return out.astype(np.uint8)


def write(path, arrays):
    """arrays: name -> numpy array; image arrays (uint8, 3-D) are stored as residuals."""
    stored = {}
    for name, a in arrays.items():
        if a.dtype == np.uint8 and a.ndim == 3:
            stored[name + '.med'] = encode(a)
        else:
            stored[name] = a
    buf = io.BytesIO()
    np.savez(buf, **stored)
    packed = lzma.compress(buf.getvalue(), preset=9 | lzma.PRESET_EXTREME)
    back = read_bytes(packed)
    for name, a in arrays.items():
        if not np.array_equal(back[name], a):
            raise SystemExit(f'{name} did not survive packing; not writing {path}')
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + '.tmp', 'wb') as f:
        f.write(packed)
    os.replace(path + '.tmp', path)
    return len(packed)


def read_bytes(packed):
    z = np.load(io.BytesIO(lzma.decompress(packed)), allow_pickle=False)
    out = {}
    for name in z.files:
        out[name[:-4] if name.endswith('.med') else name] = decode(z[name]) if name.endswith('.med') else z[name]
    return out


def read(path):
    with open(path, 'rb') as f:
        return read_bytes(f.read())


def _ckplus(root):
    """CK+ 48 px faces in our class order (no neutral), for an out-of-domain figure."""
    from PIL import Image
    import data
    xs, ys = [], []
    for label, name in enumerate(data.EMOTIONS):
        folder = os.path.join(root, name)
        if not os.path.isdir(folder):
            continue
        for f in sorted(os.listdir(folder)):
            if f.lower().endswith(('.png', '.jpg', '.jpeg')):
                xs.append(np.asarray(Image.open(os.path.join(folder, f)).convert('L').resize((48, 48)), dtype=np.uint8))
                ys.append(label)
    return np.stack(xs), np.array(ys, dtype=np.int8)


def main():
    import data
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.path.normpath(os.path.join(here, '../../../shared'))
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--fer', default=os.path.join(shared, 'fer2013'))
    ap.add_argument('--ckplus', default=os.path.join(shared, 'ckplus'))
    ap.add_argument('--cache', default=os.path.join(here, '../../.out/cache'), help='decoded-image cache (data.load_split)')
    ap.add_argument('--limit', type=int, default=0, help='keep N train and N dev images (taken evenly), for a rehearsal')
    args = ap.parse_args()
    t = time.time()
    x, y, paths = data.load_split(args.fer, 'train', args.cache)
    votes, not_face = data.ferplus_votes(os.path.join(args.fer, 'ferplus.csv'), paths)
    dx, dy, dpaths = data.load_split(args.fer, 'dev', args.cache)
    dvotes, _ = data.ferplus_votes(os.path.join(args.fer, 'ferplus.csv'), dpaths)
    cx, cy = _ckplus(args.ckplus)
    arrays = {
        'train_x': x.numpy(), 'train_y': y.numpy().astype(np.int8), 'train_votes': votes.numpy().astype(np.uint8),
        'train_not_face': not_face.numpy(),
        'dev_x': dx.numpy(), 'dev_y': dy.numpy().astype(np.int8), 'dev_votes': dvotes.numpy().astype(np.uint8),
        'ckplus_x': cx, 'ckplus_y': cy,
    }
    if args.limit:
        for split in ('train', 'dev', 'ckplus'):
            n = len(arrays[f'{split}_y'])
            keep = np.linspace(0, n - 1, min(n, args.limit)).round().astype(int)
            for name in [k for k in arrays if k.startswith(split + '_')]:
                arrays[name] = arrays[name][keep]
    size = write(args.out, arrays)
    print(f'{args.out}: {size / 2 ** 20:.1f} MiB ({len(arrays["train_y"])} train, {len(arrays["dev_y"])} dev, '
          f'{len(arrays["ckplus_y"])} CK+ faces) in {time.time() - t:.0f} s')
    if size > CARRY_LIMIT - 4 * 2 ** 20:
        raise SystemExit(f'over the device carry budget ({CARRY_LIMIT / 2 ** 20:.0f} MiB with 4 MiB to spare)')


if __name__ == '__main__':
    main()
