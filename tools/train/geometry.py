"""Face geometry as a second opinion (issue 29): a classifier on pose-normalised landmark
features, trained on FER2013 train, fused with the shipped CNN, measured on dev and any other
labelled folder (CK+), the CNN alone and fused side by side.

Input: what tools/train/landmarks.ts writes for each folder (PREFIX.f32 landmarks and face
scores, PREFIX.cnn.f32 the shipped model's probabilities, PREFIX.csv paths and labels):

    node --import tsx tools/train/landmarks.ts --data ../shared/fer2013/train --out .out/geo/train
    (the same for ../shared/fer2013/dev -> .out/geo/dev and ../shared/ckplus -> .out/geo/ckplus)
    nice -n 19 /usr/bin/python3 tools/train/geometry.py --train .out/geo/train --dev .out/geo/dev --other .out/geo/ckplus

Landmarks: each face is brought onto a mean face (built from training faces) by the similarity
(scale, rotation, shift) that best fits its rigid points (eye corners, nose bridge and tip,
forehead, temples), so head roll, size and position drop out. Features: the aligned x, y of
the lips, eyes, brows, nose, jaw, cheeks and forehead less the mean face's, plus distances and
angles in eye distances (mouth width and corners against the lip centre, lip gap, upper lip to
nose, brow-eye gaps, brow angle, eye openness, nose wrinkle, cheek raise). Mirror images swap
the face's sides through Face Mesh's symmetric UV map (from @vladmandic/human), so training
sees both and a reading averages the two, as the CNN does.

Fusion: log p = a log p_cnn + b log p_geometry, renormalised; a and b fitted by log-loss on dev
only. Reported both as 5-fold cross-fitted on dev (each fifth scored with weights fitted on
the other four) and, for the other folders, with weights fitted on all of dev. A face whose
landmark score is under --min-score keeps the CNN's reading unchanged.
"""
import argparse
import os
import re
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
POINTS = 468
# Points that expressions move little: the similarity is fitted on these alone.
RIGID = [33, 133, 362, 263, 168, 6, 197, 195, 1, 4, 10, 151, 9, 234, 454, 127, 356]
REGIONS = {
    'lips': [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 146, 91, 181, 84, 17, 314, 405, 321, 375,
             78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 95, 88, 178, 87, 14, 317, 402, 318, 324],
    'eyes': [33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173,
             263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398],
    'brows': [156, 70, 63, 105, 66, 107, 55, 193, 35, 124, 46, 53, 52, 65,
              383, 300, 293, 334, 296, 336, 285, 417, 265, 353, 276, 283, 282, 295],
    'nose': [1, 2, 4, 5, 6, 98, 327, 129, 358, 48, 278, 64, 294, 168, 197, 195, 49, 279],
    'jaw': [152, 148, 176, 149, 150, 377, 400, 378, 379, 136, 365, 172, 397, 58, 288, 200, 199, 175, 18, 83, 313],
    'cheeks': [205, 425, 50, 280, 187, 411, 123, 352, 117, 346, 118, 347, 101, 330, 36, 266, 142, 371, 203, 423],
    'forehead': [10, 151, 9, 8, 108, 337, 67, 297, 109, 338, 69, 299, 104, 333],
}
SHAPE_POINTS = [i for region in REGIONS.values() for i in region]


def load(prefix):
    rows = np.fromfile(prefix + '.f32', dtype='<f4').reshape(-1, 1 + POINTS * 3)
    with open(prefix + '.csv') as f:
        labels = [line.rstrip('\n').rsplit(',', 1)[1] for line in f.readlines()[1:]]
    cnn = np.fromfile(prefix + '.cnn.f32', dtype='<f4').reshape(-1, len(EMOTIONS)).astype(np.float64) if os.path.exists(prefix + '.cnn.f32') else None
    return {'score': rows[:, 0], 'points': rows[:, 1:].reshape(-1, POINTS, 3).astype(np.float64),
            'y': np.array([EMOTIONS.index(label) for label in labels]), 'cnn': cnn}


def mirror_map():
    """Each point's counterpart on the other side of the face: Face Mesh's UV map is symmetric
    about u = 0.5 (the canonical face's texture coordinates, as @vladmandic/human lists them)."""
    here = os.path.dirname(os.path.abspath(__file__))
    src = open(os.path.join(here, '../../node_modules/@vladmandic/human/src/face/facemeshcoords.ts')).read()
    block = src[src.index('export const UV468'):src.index('export const TRI468')]
    uv = np.array([[float(u), float(v)] for u, v in re.findall(r'\[([-\d.e]+),\s*([-\d.e]+)\]', block)])
    mirrored = np.stack([1 - uv[:, 0], uv[:, 1]], 1)
    perm = ((mirrored[:, None] - uv[None]) ** 2).sum(-1).argmin(1)
    if not (perm[perm] == np.arange(POINTS)).all():
        raise SystemExit('the UV map is not symmetric as expected')
    return perm


def align(points, template):
    """Each face's similarity onto `template` in x, y fitted on RIGID (Umeyama's closed form);
    z is scaled alike and centred on the rigid points."""
    out = np.empty_like(points)
    b = template[RIGID, :2]
    mb = b.mean(0)
    for i, p in enumerate(points):
        a = p[RIGID, :2]
        ma = a.mean(0)
        u, s, vt = np.linalg.svd((b - mb).T @ (a - ma))
        d = np.diag([1.0, np.sign(np.linalg.det(u @ vt))])
        rot = u @ d @ vt
        scale = (s * np.diag(d)).sum() / ((a - ma) ** 2).sum()
        out[i, :, :2] = scale * (p[:, :2] - ma) @ rot.T + mb
        out[i, :, 2] = scale * (p[:, 2] - p[RIGID, 2].mean())
    return out


def mean_face(points, perm, rounds=3):
    """Generalised Procrustes mean of training faces: eye centre at 0, eye corners 1 apart,
    made symmetric with its own mirror image."""
    def normalise(t):
        t = t - t[[33, 133, 362, 263]].mean(0)
        return t / np.linalg.norm(t[263, :2] - t[33, :2])
    t = normalise(points.mean(0))
    for _ in range(rounds):
        t = normalise(align(points, t).mean(0))
    return (t + mirror(t[None], perm)[0]) / 2


def mirror(aligned, perm):
    m = aligned[:, perm].copy()
    m[..., 0] *= -1
    return m


def measures(a):
    """Distances and angles in eye distances (the mean face's eye corners are 1 apart); y grows down."""
    def dist(i, j):
        return np.linalg.norm(a[:, i, :2] - a[:, j, :2], axis=1)

    def x(i):
        return a[:, i, 0]

    def y(i):
        return a[:, i, 1]
    lips = (y(13) + y(14)) / 2
    f = [dist(61, 291), dist(13, 14), dist(0, 17), dist(2, 0), dist(17, 152), dist(1, 152),      # mouth, jaw
         y(61) - lips, y(291) - lips, y(61) - y(0), y(291) - y(0), y(61) - y(17), y(291) - y(17),  # mouth corners
         dist(159, 145) / dist(33, 133), dist(386, 374) / dist(362, 263), dist(159, 145), dist(386, 374),  # eyes open
         y(159) - y(105), y(386) - y(334), y(133) - y(107), y(362) - y(336), y(33) - y(70), y(263) - y(300),  # brow-eye gaps
         dist(107, 336), dist(55, 285),                                                            # brows drawn together
         np.arctan2(y(107) - y(70), x(107) - x(70)), np.arctan2(y(336) - y(300), x(300) - x(336)),  # brow angle
         dist(98, 133), dist(327, 362), dist(98, 327), dist(1, 168),                              # nose wrinkle
         y(205) - y(145), y(425) - y(374), dist(61, 33), dist(291, 263)]                          # cheeks raised
    return np.stack(f, 1)


def features(aligned, template):
    shape = (aligned[:, SHAPE_POINTS, :2] - template[SHAPE_POINTS, :2]).reshape(len(aligned), -1)
    return np.concatenate([shape, measures(aligned)], 1).astype(np.float32)


class GeometryNet(nn.Module):
    def __init__(self, inputs, hidden=256, dropout=0.3):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Dropout(dropout),
                                 nn.Linear(hidden, hidden // 2), nn.ReLU(), nn.Dropout(dropout),
                                 nn.Linear(hidden // 2, len(EMOTIONS)))

    def forward(self, x):
        return self.net(x)


def train(x, x_mirror, y, epochs, seed=0, class_power=0.3, smoothing=0.05):
    """The net and its input standardisation; each batch takes a face or its mirror image."""
    torch.manual_seed(seed)
    mean, std = x.mean(0), x.std(0) + 1e-6
    xs, xm, yt = torch.tensor((x - mean) / std), torch.tensor((x_mirror - mean) / std), torch.tensor(y)
    net = GeometryNet(x.shape[1])
    opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=1e-4)
    batch = 256
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, 2e-3, total_steps=epochs * ((len(xs) + batch - 1) // batch))
    share = torch.bincount(yt, minlength=len(EMOTIONS)).float() / len(yt)
    weight = share.pow(-class_power)
    weight /= (weight * share).sum()
    for _ in range(epochs):
        net.train()
        order = torch.randperm(len(xs))
        for i in range(0, len(xs), batch):
            idx = order[i:i + batch]
            flip = torch.rand(len(idx)) < 0.5
            loss = F.cross_entropy(net(torch.where(flip[:, None], xm[idx], xs[idx])), yt[idx], weight=weight, label_smoothing=smoothing)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return net.eval(), (mean, std)


@torch.no_grad()
def predict(net, norm, x, x_mirror):
    mean, std = norm
    p = F.softmax(net(torch.tensor((x - mean) / std)), 1) + F.softmax(net(torch.tensor((x_mirror - mean) / std)), 1)
    return (p / 2).numpy().astype(np.float64)


def fuse(cnn, geo, ok, w):
    z = w[0] * np.log(cnn + 1e-7) + w[1] * np.log(geo + 1e-7)
    p = np.exp(z - z.max(1, keepdims=True))
    return np.where(ok[:, None], p / p.sum(1, keepdims=True), cnn)


def fit_fusion(cnn, geo, ok, y):
    lc, lg = torch.tensor(np.log(cnn + 1e-7)), torch.tensor(np.log(geo + 1e-7))
    okt, yt = torch.tensor(ok), torch.tensor(y)
    w = torch.tensor([1.0, 0.3], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w], max_iter=200)

    def closure():
        opt.zero_grad()
        loss = F.nll_loss(torch.where(okt[:, None], F.log_softmax(w[0] * lc + w[1] * lg, 1), lc), yt)
        loss.backward()
        return loss
    opt.step(closure)
    return w.detach().numpy()


def cross_fitted(cnn, geo, ok, y, folds=5):
    fold = np.random.RandomState(0).randint(0, folds, len(y))
    out = np.empty_like(cnn)
    for k in range(folds):
        fit, score = fold != k, fold == k
        out[score] = fuse(cnn[score], geo[score], ok[score], fit_fusion(cnn[fit], geo[fit], ok[fit], y[fit]))
    return out


def figures(p, y):
    pred = p.argmax(1)
    present = [c for c in range(len(EMOTIONS)) if (y == c).any()]
    recall, f1 = {}, {}
    for c in present:
        tp, fp, fn = ((pred == c) & (y == c)).sum(), ((pred == c) & (y != c)).sum(), ((pred != c) & (y == c)).sum()
        recall[c] = tp / (tp + fn)
        f1[c] = 2 * tp / (2 * tp + fp + fn)
    nll = -np.log(p[np.arange(len(y)), y] + 1e-7).mean()
    return {'acc': (pred == y).mean(), 'f1': np.mean(list(f1.values())), 'recall': recall, 'nll': nll}


def side_by_side(title, y, rows):
    """rows: (name, probabilities); the class columns are recall %, over the classes present."""
    print(f'\n{title} ({len(y)} faces)')
    present = sorted(set(y.tolist()))
    print(f"{'':34s} {'acc%':>6s} {'mF1%':>6s} {'logloss':>8s}  " + ' '.join(f'{EMOTIONS[c][:7]:>7s}' for c in present))
    for name, p in rows:
        s = figures(p, y)
        print(f"{name:34s} {100 * s['acc']:6.2f} {100 * s['f1']:6.2f} {s['nll']:8.4f}  "
              + ' '.join(f"{100 * s['recall'][c]:7.1f}" for c in present))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--train', required=True, help='landmarks.ts output prefix for FER2013 train')
    ap.add_argument('--dev', required=True, help='... for FER2013 dev: fits the fusion, reports')
    ap.add_argument('--other', action='append', default=[], help='... for any other labelled folder (CK+): reports only')
    ap.add_argument('--min-score', type=float, default=0.5, help="landmark net's face score under which geometry abstains")
    ap.add_argument('--epochs', type=int, default=40)
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    started = time.time()
    perm = mirror_map()
    tr, dev = load(args.train), load(args.dev)
    ok = tr['score'] >= args.min_score
    template = mean_face(tr['points'][ok][:4000], perm)

    def featurise(split):
        aligned = align(split['points'], template)
        return features(aligned, template), features(mirror(aligned, perm), template)
    x, xm = featurise(tr)
    net, norm = train(x[ok], xm[ok], tr['y'][ok], args.epochs)
    print(f'{int(ok.sum())} training faces with landmarks ({int((~ok).sum())} under score {args.min_score} left out), '
          f'{x.shape[1]} features, {time.time() - started:.0f} s')

    def report(name, split, weights=None):
        geo = predict(net, norm, *featurise(split))
        fine = split['score'] >= args.min_score
        y, cnn = split['y'], split['cnn']
        if weights is None:
            weights = fit_fusion(cnn, geo, fine, y)
            fused = [('fused, 5-fold cross-fitted on dev', cross_fitted(cnn, geo, fine, y)),
                     ('fused, weights fitted on all dev', fuse(cnn, geo, fine, weights))]
        else:
            fused = [('fused, dev weights', fuse(cnn, geo, fine, weights))]
        side_by_side(f'{name}: landmark score under {args.min_score} on {int((~fine).sum())} faces '
                     f'({100 * (~fine).mean():.1f} %), read by the CNN alone', y,
                     [('geometry alone', geo), ('CNN alone', cnn)] + fused)
        if (~fine).any():
            side_by_side(f'{name}: only the faces the landmark net failed on', y[~fine],
                         [('CNN (what the reading is)', cnn[~fine]), ('geometry there', geo[~fine])])
        return weights
    weights = report('FER2013 dev', dev)
    print(f'\nfusion weights (log-loss on all dev): CNN {weights[0]:.3f}, geometry {weights[1]:.3f}')
    for prefix in args.other:
        report(os.path.basename(prefix), load(prefix), weights)


if __name__ == '__main__':
    main()
