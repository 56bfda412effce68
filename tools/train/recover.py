"""An exported model (models/mooddj) -> a checkpoint that train.py --init can continue from.

The export folds each BatchNorm into its conv, so the BatchNorm parameters are gone. They are
re-derived from the training images: for every conv, the per-channel mean m and deviation s of
its bias-free output become the BatchNorm's running statistics, and gamma = s, beta = m + bias.
In eval mode that BatchNorm is then exactly "add the folded bias", so the recovered net computes
what the exported one does; in train mode the batch statistics are close to m and s, so the next
cycle starts from the exported net rather than from a disturbed copy of it.

This lets a training cycle continue a committed model without keeping multi-megabyte
checkpoints around. The exported model's stage logs are kept beside the checkpoint so that
export.py can carry the whole history into the next export.

    /usr/bin/python3 tools/train/recover.py --model models/mooddj --out /tmp/mooddj-recovered
"""
import argparse
import glob
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
from model import EmotionNet, standardise


def read_export(model_dir):
    with open(os.path.join(model_dir, 'model.json')) as f:
        model_json = json.load(f)
    blob = open(os.path.join(model_dir, 'weights.bin'), 'rb').read()
    weights, offset = {}, 0
    for spec in model_json['weightsManifest'][0]['weights']:
        if spec.get('quantization', {}).get('dtype') != 'float16':
            raise SystemExit(f"{spec['name']}: expected float16 weights")
        n = int(np.prod(spec['shape']))
        arr = np.frombuffer(blob, dtype='<f2', count=n, offset=offset).astype(np.float32)
        weights[spec['name']] = torch.from_numpy(arr.reshape(spec['shape']).copy())
        offset += 2 * n
    return model_json['modelTopology'], weights


def stages_of(layers):
    stages, current = [], []
    for layer in layers:
        if layer['op'] == 'conv':
            current.append(layer['name'])
        elif layer['op'] in ('maxpool', 'gap'):
            stages.append(current)
            current = []
    return stages


@torch.no_grad()
def rebuild(topology, weights, images):
    """EmotionNet whose eval-mode output equals the exported net's, BatchNorm from `images`."""
    names = stages_of(topology['layers'])
    stages = [[weights[n + '/kernel'].shape[3] for n in stage] for stage in names]
    net = EmotionNet(stages)
    conv_names = [n for stage in names for n in stage]
    mods = list(net.features)
    h = standardise(images)
    c = 0
    for i, m in enumerate(mods):
        if isinstance(m, nn.Conv2d):
            name = conv_names[c]
            c += 1
            m.weight.copy_(weights[name + '/kernel'].permute(3, 2, 0, 1))
            z = F.conv2d(h, m.weight, padding=1)
            mean = z.mean(dim=(0, 2, 3))
            var = z.var(dim=(0, 2, 3), unbiased=False).clamp(min=1e-4)
            bn = mods[i + 1]
            bn.running_mean.copy_(mean)
            bn.running_var.copy_(var)
            bn.weight.copy_(torch.sqrt(var + bn.eps))
            bn.bias.copy_(mean + weights[name + '/bias'])
            h = F.relu(z + weights[name + '/bias'].view(1, -1, 1, 1))
        elif isinstance(m, nn.MaxPool2d):
            h = F.max_pool2d(h, 2)
    net.fc.weight.copy_(weights['fc/kernel'].t())
    net.fc.bias.copy_(weights['fc/bias'])
    return net


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', required=True, help='folder with model.json + weights.bin from export.py')
    ap.add_argument('--out', required=True)
    ap.add_argument('--fer', default=os.path.normpath(os.path.join(here, '../../../shared/fer2013')))
    ap.add_argument('--cache', default='/tmp/mooddj-cache')
    ap.add_argument('--images', type=int, default=8192, help='training images used for the BatchNorm statistics')
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)

    topology, weights = read_export(args.model)
    if topology.get('logitAdjust'):
        raise SystemExit('the exported model has logit adjustment baked into its last bias; export one without it')
    size = topology['inputSize']
    tx, _, _ = data.load_split(args.fer, 'train', args.cache)
    pick = torch.randperm(len(tx))[:args.images]
    net = rebuild(topology, weights, augment.resize(tx[pick].float().unsqueeze(1) / 255, size))
    net.eval()

    dx, dy, _ = data.load_split(args.fer, 'dev', args.cache)
    plain, _ = train.evaluate(net, dx, dy, size)
    acc = plain['acc']
    print(f'recovered net, dev acc (no flip) {acc:.4f}')

    os.makedirs(args.out, exist_ok=True)
    # The history of the exported model, renamed so export.py's stage numbering picks it up.
    history = []
    for path in sorted(glob.glob(os.path.join(args.model, 'training-*-stage*.*'))):
        shutil.copy(path, args.out)
        history.append(os.path.basename(path))
    torch.save({'stages': net.stages, 'size': size, 'state': net.state_dict(), 'epoch': topology.get('trainedEpoch'),
                'dev': {'acc_no_flip': acc},
                'args': {'init': None, 'recovered_from': os.path.abspath(args.model), 'history': history}},
               os.path.join(args.out, 'checkpoint.pt'))
    print(f"wrote {os.path.join(args.out, 'checkpoint.pt')} (+ {len(history)} history files)")


if __name__ == '__main__':
    main()
