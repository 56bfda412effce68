"""FER2013 folders -> one uint8 tensor in RAM, plus FER+ soft labels.

Class order is the product's (src/shared/emotions.ts), so the exported model's outputs need
no remapping in TypeScript.
"""
import csv
import hashlib
import os

import numpy as np
import torch

EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']
# FER+ vote columns for our classes; contempt, unknown and NF have no counterpart.
FERPLUS_COLUMNS = ['anger', 'disgust', 'fear', 'happiness', 'sadness', 'surprise', 'neutral']


def _list(root):
    items = []
    for label, name in enumerate(EMOTIONS):
        folder = os.path.join(root, name)
        for f in sorted(os.listdir(folder)):
            if f.lower().endswith(('.jpg', '.jpeg', '.png')):
                items.append((os.path.join(folder, f), label))
    return items


def load_split(fer_root, split, cache_dir):
    """(images uint8 [N,48,48], labels int64 [N], relative paths). Decoded once, then cached
    outside the repository: decoding 28k JPEGs is slower than an epoch's data handling."""
    items = _list(os.path.join(fer_root, split))
    key = hashlib.sha1('\n'.join(p for p, _ in items).encode()).hexdigest()[:12]
    cache = os.path.join(cache_dir, f'fer-{split}-{key}.npz')
    rel = [os.path.relpath(p, fer_root) for p, _ in items]
    if os.path.exists(cache):
        z = np.load(cache)
        return torch.from_numpy(z['x']), torch.from_numpy(z['y']), rel
    from PIL import Image  # only here: a GPU run reads a pack (pack.py) and may have no PIL
    x = np.stack([np.asarray(Image.open(p).convert('L').resize((48, 48)), dtype=np.uint8) for p, _ in items])
    y = np.array([label for _, label in items], dtype=np.int64)
    os.makedirs(cache_dir, exist_ok=True)
    np.savez(cache, x=x, y=y)
    return torch.from_numpy(x), torch.from_numpy(y), rel


def ferplus_votes(csv_path, paths):
    """[N, 7] vote counts in our class order and an is-not-a-face flag per image; images the
    csv does not list get zero votes (so they keep their hard label only)."""
    by_path = {}
    with open(csv_path, newline='') as f:
        for row in csv.DictReader(f):
            by_path[row['path']] = row
    votes = np.zeros((len(paths), len(EMOTIONS)), dtype=np.float32)
    not_face = np.zeros(len(paths), dtype=bool)
    for i, p in enumerate(paths):
        row = by_path.get(p)
        if row is None:
            continue
        votes[i] = [float(row[c]) for c in FERPLUS_COLUMNS]
        counts = {k: float(v) for k, v in row.items() if k not in ('path', 'match')}
        not_face[i] = counts['NF'] > sum(counts.values()) / 2
    return torch.from_numpy(votes), torch.from_numpy(not_face)


def soft_targets(labels, votes, hard_weight):
    """hard_weight x one-hot(FER2013 label) + the rest x FER+ vote distribution. The dev
    metric scores FER2013's own labels, so they lead; the crowd votes soften noisy ones."""
    onehot = torch.nn.functional.one_hot(labels, len(EMOTIONS)).float()
    total = votes.sum(1, keepdim=True)
    dist = torch.where(total > 0, votes / total.clamp(min=1), onehot)
    return hard_weight * onehot + (1 - hard_weight) * dist


def ferplus_agree(labels, votes):
    """True where the FER+ crowd's top class among our seven is the FER2013 label: only
    there are the votes used as soft targets (where they disagree, the dev metric's label wins)."""
    return (votes.sum(1) > 0) & (votes.argmax(1) == labels)


def read_crop_manifest(crops_dir):
    """{FER2013 path relative to the split folder: found?} from pipeline-crops.ts's manifest."""
    manifest = os.path.join(crops_dir, 'manifest.csv')
    if not os.path.exists(manifest):
        return {}
    with open(manifest, newline='') as f:
        return {row['path']: row['found'] == '1' for row in csv.DictReader(f)}


def update_pipeline_crops(crops_dir, paths, store, have, resize48):
    """Loads the product's crops (pipeline-crops.ts, PNG under crops_dir) that are new since
    the last call into `store` (uint8 [N,48,48]) and marks them in `have`. `paths` are
    'train/<class>/<file>'. Crops are area-averaged to 48 px like every other training face.
    Returns (crops listed, faces not found) so the log can say how many fell back."""
    from PIL import Image
    listed = read_crop_manifest(crops_dir)
    new = []
    for i, p in enumerate(paths):
        rel = p.split('/', 1)[1]
        if listed.get(rel) and not have[i]:
            new.append((i, os.path.join(crops_dir, os.path.splitext(rel)[0] + '.png')))
    for start in range(0, len(new), 1024):
        chunk = new[start:start + 1024]
        imgs = np.stack([np.asarray(Image.open(f).convert('L'), dtype=np.float32) / 255 for _, f in chunk])
        small = resize48(torch.from_numpy(imgs).unsqueeze(1))[:, 0]
        idx = torch.tensor([i for i, _ in chunk])
        store[idx] = (small * 255).round().clamp(0, 255).to(torch.uint8)
        have[idx] = True
    return len(listed), sum(1 for v in listed.values() if not v)
