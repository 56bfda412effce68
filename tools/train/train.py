"""Trains the MoodDJ emotion net on FER2013 train, picks the epoch on FER2013 dev.

    nice -n 10 /usr/bin/python3 tools/train/train.py --out models/mooddj   (see README.md)
"""
import argparse
import csv
import json
import os
import random
import shutil
import time

import numpy as np
import torch
import torch.nn.functional as F

import augment
import data
from model import DEFAULT_STAGES, EmotionNet, load_checkpoint


def parse():
    here = os.path.dirname(os.path.abspath(__file__))
    fer = os.path.normpath(os.path.join(here, '../../../shared/fer2013'))
    ap = argparse.ArgumentParser()
    ap.add_argument('--fer', default=fer, help='FER2013 root with train/, dev/, ferplus.csv')
    ap.add_argument('--out', required=True, help='folder for checkpoint.pt and the training log')
    ap.add_argument('--cache', default='/tmp/mooddj-cache', help='decoded-image cache, outside the repo')
    ap.add_argument('--epochs', type=int, default=20)
    ap.add_argument('--size', type=int, default=40, help='input side in px')
    ap.add_argument('--stages', default=json.dumps(DEFAULT_STAGES))
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--lr', type=float, default=0.1, help='OneCycle peak')
    ap.add_argument('--warmup', type=float, default=0.2, help='share of steps spent raising the learning rate')
    ap.add_argument('--wd', type=float, default=5e-4)
    ap.add_argument('--hard-weight', type=float, default=0.7, help='FER2013 label share of the target; the rest is FER+ votes')
    ap.add_argument('--label-smoothing', type=float, default=0.0)
    ap.add_argument('--class-power', type=float, default=0.0,
                    help='weight each class by (its share of train)^-p; 0 = plain, >0 helps rare classes (macro-F1)')
    ap.add_argument('--erase-p', type=float, default=0.5, help='random-erasing probability')
    ap.add_argument('--dropout', type=float, default=0.3)
    ap.add_argument('--init', help='start from this checkpoint (a second, fine-tuning cycle)')
    ap.add_argument('--limit', type=int, default=0, help='train on the first N shuffled images (smoke runs)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--camera', action='store_true',
                    help='camera augmentations (exposure, blur, JPEG, noise, occlusion; augment.camera) instead of affine + erasing only')
    ap.add_argument('--ferplus-agree', action='store_true',
                    help='use FER+ votes (share 1 - --hard-weight) only where their top class is the FER2013 label')
    ap.add_argument('--pipeline-crops', help="the product's own crops (pipeline-crops.ts output); re-read every epoch")
    ap.add_argument('--pipeline-p', type=float, default=0.7, help='chance of training on the pipeline crop where one exists')
    ap.add_argument('--teacher', action='append', default=[], help='checkpoint(s) whose averaged predictions are mixed into the targets')
    ap.add_argument('--distill', type=float, default=0.5, help='share of the teachers in the target with --teacher')
    ap.add_argument('--resume', help='state.pt of an interrupted run: continues it with its own arguments')
    args = ap.parse_args()
    if args.resume:
        saved = torch.load(args.resume, map_location='cpu')['args']
        # --out may differ (the state was committed elsewhere); the log travels with it.
        saved.update(resume=args.resume, threads=args.threads, out=args.out)
        args = argparse.Namespace(**saved)
    return args


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def macro_f1(pred, truth, k):
    f1s = []
    for c in range(k):
        tp = ((pred == c) & (truth == c)).sum().item()
        fp = ((pred == c) & (truth != c)).sum().item()
        fn = ((pred != c) & (truth == c)).sum().item()
        f1s.append(2 * tp / max(1, 2 * tp + fp + fn))
    return sum(f1s) / k


def scores(p, y):
    pred = p.argmax(1)
    loss = F.nll_loss(torch.log(p.clamp(min=1e-8)), y).item()
    recall = [((pred == c) & (y == c)).sum().item() / max(1, (y == c).sum().item()) for c in range(len(data.EMOTIONS))]
    return {'loss': loss, 'acc': (pred == y).float().mean().item(), 'f1': macro_f1(pred, y, len(data.EMOTIONS)), 'recall': recall}


@torch.no_grad()
def evaluate(net, x, y, size):
    """Dev scores without and with horizontal-flip averaging, from the same two passes."""
    net.eval()
    plain, flipped = [], []
    for i in range(0, len(x), 512):
        batch = augment.resize(x[i:i + 512].float().unsqueeze(1) / 255, size)
        p = F.softmax(net(batch), 1)
        plain.append(p)
        flipped.append((p + F.softmax(net(torch.flip(batch, dims=[3])), 1)) / 2)
    return scores(torch.cat(plain), y), scores(torch.cat(flipped), y)


def main():
    args = parse()
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    os.makedirs(args.out, exist_ok=True)

    x, y, paths = data.load_split(args.fer, 'train', args.cache)
    votes, not_face = data.ferplus_votes(os.path.join(args.fer, 'ferplus.csv'), paths)
    keep = ~not_face
    x, y, votes = x[keep], y[keep], votes[keep]
    paths = [p for p, k in zip(paths, keep.tolist()) if k]
    if args.ferplus_agree:
        votes = votes * data.ferplus_agree(y, votes).float().unsqueeze(1)
    targets = data.soft_targets(y, votes, args.hard_weight)
    k = len(data.EMOTIONS)
    targets = (1 - args.label_smoothing) * targets + args.label_smoothing / k
    share = torch.bincount(y, minlength=k).float() / len(y)
    class_weight = share.pow(-args.class_power)
    class_weight /= (class_weight * share).sum()
    if args.limit:
        idx = torch.randperm(len(x))[:args.limit]
        x, y, targets = x[idx], y[idx], targets[idx]
        paths = [paths[i] for i in idx.tolist()]
    pipe_x = torch.zeros_like(x)
    pipe_have = torch.zeros(len(x), dtype=torch.bool)
    dx, dy, _ = data.load_split(args.fer, 'dev', args.cache)
    print(f'train {len(x)} (dropped {int(not_face.sum())} not-a-face), dev {len(dx)}', flush=True)

    stages = json.loads(args.stages)
    net = EmotionNet(stages, dropout=args.dropout)
    teachers = []
    for path in args.teacher:
        teachers.append(load_checkpoint(path)[0])
    if args.init and not args.resume:
        init = torch.load(args.init, map_location='cpu')
        if init['stages'] != stages or init['size'] != args.size:
            raise SystemExit(f'--init checkpoint has stages {init["stages"]} at {init["size"]} px')
        net.load_state_dict(init['state'])
    net = net.to(memory_format=torch.channels_last)
    n_params = sum(p.numel() for p in net.parameters())
    print(f'{n_params} parameters', flush=True)
    decay = [p for n, p in net.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in net.named_parameters() if p.ndim <= 1]
    opt = torch.optim.SGD([{'params': decay, 'weight_decay': args.wd}, {'params': no_decay, 'weight_decay': 0}],
                          lr=args.lr, momentum=0.9, nesterov=True)
    steps = (len(x) + args.batch - 1) // args.batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=steps, pct_start=args.warmup)
    gen = torch.Generator().manual_seed(args.seed)

    log_path = os.path.join(args.out, 'training-log.csv')
    fields = ['epoch', 'lr', 'train_loss', 'train_acc', 'dev_loss', 'dev_acc', 'dev_f1', 'dev_acc_flip', 'dev_f1_flip', 'seconds',
              'pipeline_crops', 'not_found']
    best = None
    first = 1
    started = time.time()
    if args.resume:
        state = torch.load(args.resume, map_location='cpu')
        net.load_state_dict(state['state'])
        opt.load_state_dict(state['opt'])
        sched.load_state_dict(state['sched'])
        gen.set_state(state['gen'])
        torch.set_rng_state(state['rng'])
        best, first = state['best'], state['epoch'] + 1
        started -= state['seconds']
        print(f'resuming after epoch {state["epoch"]} of {args.epochs}', flush=True)
        # The log and the best epoch so far travel with the state.
        for name in ('training-log.csv', 'checkpoint.pt'):
            old = os.path.join(os.path.dirname(os.path.abspath(args.resume)), name)
            if not os.path.exists(os.path.join(args.out, name)) and os.path.exists(old):
                shutil.copy(old, os.path.join(args.out, name))
    else:
        with open(log_path, 'w', newline='') as f:
            csv.writer(f).writerow(fields)
    for epoch in range(first, args.epochs + 1):
        t0 = time.time()
        listed = not_found = 0
        if args.pipeline_crops:
            listed, not_found = data.update_pipeline_crops(args.pipeline_crops, paths, pipe_x, pipe_have, lambda im: augment.resize(im, 48))
        net.train()
        order = torch.randperm(len(x), generator=gen)
        total_loss = correct = seen = 0
        lr = opt.param_groups[0]['lr']
        for i in range(steps):
            idx = order[i * args.batch:(i + 1) * args.batch]
            faces = x[idx]
            if args.pipeline_crops:
                use = pipe_have[idx] & (torch.rand(len(idx), generator=gen) < args.pipeline_p)
                faces = torch.where(use.view(-1, 1, 1), pipe_x[idx], faces)
            batch = faces.float().unsqueeze(1) / 255
            if args.camera:
                batch = augment.camera(batch, args.size, gen, erase_p=args.erase_p)
            else:
                batch = augment.random_erase(augment.random_affine(batch, args.size, gen), gen, p=args.erase_p)
            batch = batch.contiguous(memory_format=torch.channels_last)
            target = targets[idx]
            if teachers:
                with torch.no_grad():
                    taught = sum(F.softmax(t(batch), 1) for t in teachers) / len(teachers)
                target = (1 - args.distill) * target + args.distill * taught
            logits = net(batch)
            w = class_weight[y[idx]]
            loss = (-(target * F.log_softmax(logits, 1)).sum(1) * w).sum() / w.sum()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total_loss += loss.item() * len(idx)
            correct += (logits.argmax(1) == y[idx]).sum().item()
            seen += len(idx)
        plain, flipped = evaluate(net, dx, dy, args.size)
        row = [epoch, round(lr, 5), round(total_loss / seen, 4), round(correct / seen, 4), round(plain['loss'], 4),
               round(plain['acc'], 4), round(plain['f1'], 4), round(flipped['acc'], 4), round(flipped['f1'], 4), round(time.time() - t0, 1),
               int(pipe_have.sum()), not_found]
        with open(log_path, 'a', newline='') as f:
            csv.writer(f).writerow(row)
        print(dict(zip(fields, row)), flush=True)
        score = flipped['acc'] + flipped['f1']
        if best is None or score > best[0]:
            best = (score, epoch, flipped)
            torch.save({'stages': stages, 'size': args.size, 'state': net.state_dict(), 'epoch': epoch, 'dev': flipped,
                        'args': vars(args)}, os.path.join(args.out, 'checkpoint.pt'))
        # Everything needed to continue after this epoch (--resume), written atomically.
        torch.save({'state': net.state_dict(), 'opt': opt.state_dict(), 'sched': sched.state_dict(), 'gen': gen.get_state(),
                    'rng': torch.get_rng_state(), 'best': best, 'epoch': epoch, 'seconds': time.time() - started, 'args': vars(args)},
                   os.path.join(args.out, 'state.pt.tmp'))
        os.replace(os.path.join(args.out, 'state.pt.tmp'), os.path.join(args.out, 'state.pt'))
    summary = {'best_epoch': best[1], 'dev_flip': best[2], 'parameters': n_params, 'train_minutes': round((time.time() - started) / 60, 1),
               'threads': args.threads, 'torch': torch.__version__, 'args': vars(args)}
    with open(os.path.join(args.out, 'training-summary.json'), 'w') as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary), flush=True)


if __name__ == '__main__':
    main()
