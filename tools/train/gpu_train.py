"""One run on a lent GPU machine (gpu-run.sh calls this): strong teachers on FER2013 train with
FER+ votes and heavy augmentation, then distilled into the shipped student (model.py, 575 k
parameters, 1.15 MB), exported for the extension, with its dev and CK+ figures beside the
shipped model's. Every phase has a time budget: a few timed steps on throwaway copies of the
nets set how many epochs fit, re-planned after each epoch, so the whole run ends in ~7
minutes whatever the GPU.

Reads only the pack (pack.py) and the working tree (models/mooddj, the shipped model, is one
student's starting point and the figure to beat); writes to --out:
  model.json, weights.bin   the best student, exported as export.py does (dev-fitted temperature)
  summary.json              every figure: teachers, their ensemble, students, shipped; times
  training-log.csv          one row per net and dev check (about ten a phase)
  teacher-probs.npz         the teacher ensemble's flip-averaged probabilities on train, dev and
                            CK+ (float16): the teachers' knowledge, kept for distilling again
                            later on a CPU (the teachers themselves are too big to bring back)
  student.pt                the best student as a train.py checkpoint (train.py --init, export.py)
gpu-run.sh adds run.log.

    python3 tools/train/gpu_train.py --pack .out/gpu/fer-pack.xz --out "$OUT"
    /usr/bin/python3 tools/train/gpu_train.py --pack P --out O --tiny     # the CPU rehearsal (gpu-rehearse.sh)
"""
import argparse
import copy
import csv
import json
import math
import os
import platform
import time
import traceback

import numpy as np
import torch
import torch.nn.functional as F

import augment
import data
import pack
import recover
import train
from export import write_export
from model import DEFAULT_STAGES, EmotionNet
from teachers import TEACHERS

HERE = os.path.dirname(os.path.abspath(__file__))
STUDENT_SIZE = 40


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pack', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--shipped', default=os.path.join(HERE, '../../models/mooddj'), help='the shipped model (figure to beat, one student\'s start)')
    ap.add_argument('--teachers', default='resnet18,vgg')
    ap.add_argument('--width-scale', type=float, default=1.0, help="teachers' channels x this (narrow ones check the recipe on a CPU)")
    ap.add_argument('--teacher-seconds', type=float, default=230)
    ap.add_argument('--student-seconds', type=float, default=130)
    ap.add_argument('--max-teacher-epochs', type=int, default=120)
    ap.add_argument('--max-student-epochs', type=int, default=200)
    ap.add_argument('--batch', type=int, default=256)
    ap.add_argument('--teacher-lr', type=float, default=0.1)
    ap.add_argument('--hard-weight', type=float, default=0.7, help='FER2013 label share of the target; the rest is the FER+ vote distribution')
    ap.add_argument('--label-smoothing', type=float, default=0.05)
    ap.add_argument('--class-power', type=float, default=0.3)
    ap.add_argument('--distill', type=float, default=0.7, help="teachers' share of the student's loss")
    ap.add_argument('--tau', type=float, default=2.0, help='distillation temperature')
    ap.add_argument('--device', default='auto', help='auto (CUDA, or stop), cuda, cpu')
    ap.add_argument('--amp', default='auto', help='bf16 or off; auto: bf16 on CUDA')
    ap.add_argument('--seed', type=int, default=29)
    ap.add_argument('--tiny', action='store_true', help='one epoch per phase, short budgets: the CPU rehearsal')
    args = ap.parse_args()
    if args.tiny:
        args.max_teacher_epochs = args.max_student_epochs = 1
        args.teacher_seconds = args.student_seconds = 30
    return args


class Run:
    """The clock, the log lines and the summary that is written whatever happens."""

    def __init__(self, out):
        self.out = out
        self.t0 = time.time()
        self.summary = {'started': time.strftime('%Y-%m-%d %H:%M:%S'), 'phases': {}}
        self.rows = []

    def log(self, msg):
        print(f'[{time.time() - self.t0:6.1f} s] {msg}', flush=True)

    def write(self):
        self.summary['seconds'] = round(time.time() - self.t0, 1)
        with open(os.path.join(self.out, 'summary.json'), 'w') as f:
            json.dump(self.summary, f, indent=1)
        with open(os.path.join(self.out, 'training-log.csv'), 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['phase', 'net', 'epoch', 'lr', 'train_loss', 'dev_acc', 'dev_f1', 'seconds'])
            w.writerows(self.rows)


def pick_device(args):
    if args.device == 'auto':
        if not torch.cuda.is_available():
            raise SystemExit('no CUDA device: this run is meant for a GPU machine (--device cpu --tiny rehearses it)')
        return torch.device('cuda')
    return torch.device(args.device)


def augment48(x, gen):
    """Heavy augmentation of uint8 [B, 48, 48] faces, at 48 px: rotation +-15 deg, zoom
    0.85-1.15, shift +-10 %, mirror, exposure (gamma, some low light), random erasing."""
    x = x.float().unsqueeze(1) / 255
    x = augment.random_affine(x, 48, gen, rotate_deg=15.0, scale=(0.85, 1.15), shift=0.1)
    x = augment.light(x, gen, p_gamma=0.5, p_dark=0.15)
    return augment.random_erase(x, gen, p=0.5)


def soft_ce(logits, target, weight):
    return (-(target * F.log_softmax(logits.float(), 1)).sum(1) * weight).sum() / weight.sum()


@torch.no_grad()
def probabilities(nets, x, size, amp, batch=1024):
    """Flip-averaged class probabilities of uint8 faces `x`, averaged over `nets` (eval mode)."""
    for net in nets:
        net.eval()
    out = []
    for i in range(0, len(x), batch):
        b = augment.resize(x[i:i + batch].float().unsqueeze(1) / 255, size).contiguous(memory_format=torch.channels_last)
        p = 0
        with amp():
            for net in nets:
                p = p + F.softmax(net(b).float(), 1) + F.softmax(net(torch.flip(b, dims=[3])).float(), 1)
        out.append(p / (2 * len(nets)))
    return torch.cat(out)


def figures(p, y):
    s = train.scores(p.float().cpu(), y.cpu().long())
    return {'acc': round(s['acc'], 4), 'macro_f1': round(s['f1'], 4), 'loss': round(s['loss'], 4),
            'recall': {e: round(r, 4) for e, r in zip(data.EMOTIONS, s['recall'])}}


def ck_figures(p, y):
    """CK+ has no neutral: accuracy over its six classes (a neutral answer counts wrong)."""
    pred = p.argmax(1).cpu()
    y = y.cpu().long()
    present = sorted(set(y.tolist()))
    return {'acc': round((pred == y).float().mean().item(), 4),
            'recall': {data.EMOTIONS[c]: round(((pred == c) & (y == c)).sum().item() / (y == c).sum().item(), 4) for c in present}}


def plan_epochs(run, members, step, steps_per_epoch, seconds, max_epochs, label):
    """Epochs that fit `seconds`, from a few timed steps on throwaway copies of the nets (the
    first steps also let cuDNN pick its kernels, which the timing leaves out)."""
    saved = [(m['net'], m['opt']) for m in members]
    for m in members:
        m['net'] = copy.deepcopy(m['net'])
        m['opt'] = torch.optim.SGD(m['net'].parameters(), lr=0.0)
    probe = min(steps_per_epoch, 12)
    for i in range(probe + 3):
        if i == 3:
            sync()
            t = time.time()
        step(members, i)
    sync()
    per_step = (time.time() - t) / probe
    for m, (net, opt) in zip(members, saved):
        m['net'], m['opt'] = net, opt
    per_epoch = per_step * steps_per_epoch * 1.08  # + dev checks
    epochs = max(1, min(max_epochs, int(seconds / per_epoch)))
    run.log(f'{label}: {per_step * 1000:.1f} ms a step, ~{per_epoch:.1f} s an epoch -> {epochs} epochs in {seconds:.0f} s')
    return epochs, per_epoch


def sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def one_cycle(progress):
    """The share of its peak rate a net trains at, `progress` (0..1) through its run: up from
    1/25 over the first 15 %, then down a cosine to 1/10,000 (OneCycleLR's shape; computed here
    so that the run's length can be shortened while it runs)."""
    warm = 0.15
    if progress < warm:
        return 0.04 + 0.96 * progress / warm
    p = min(1.0, (progress - warm) / (1 - warm))
    return 1e-4 + (1 - 1e-4) * 0.5 * (1 + math.cos(math.pi * p))


def fit(run, phase, members, step, x, epochs, seconds, evaluate):
    """Trains every member together for `epochs` (one cycle of the rate), keeping each one's
    best epoch on dev (accuracy + macro-F1). After every epoch the epochs left are re-planned
    from the time the epochs so far really took (dev checks included), so the rate has come
    down by the end of `seconds` even when the timing probe was optimistic."""
    steps = len(x) // run.batch
    started = time.time()
    eval_every = max(1, epochs // 10)
    for m in members:
        m['best'] = None
    done = 0
    epoch = 0
    while epoch < epochs:
        epoch += 1
        t = time.time()
        for m in members:
            m['net'].train()
            m['loss'] = 0.0
        run.order = torch.randperm(len(x), generator=run.gen, device=run.gen.device)
        for i in range(steps):
            share = one_cycle(done / (epochs * steps))
            for m in members:
                for group in m['opt'].param_groups:
                    group['lr'] = m['lr'] * share
            step(members, i)
            done += 1
        per_epoch = (time.time() - started) / epoch
        fits = epoch + int((started + seconds - time.time()) / per_epoch)
        if fits < epochs:
            epochs = max(epoch, fits)
            run.log(f'{phase}: {per_epoch:.1f} s an epoch so far; the run is shortened to {epochs} epochs')
        if epoch % eval_every == 0 or epoch == epochs:
            for m in members:
                f = figures(evaluate(m['net']), run.dev_y)
                run.rows.append([phase, m['name'], epoch, round(m['lr'] * share, 5), round(float(m['loss']) / steps, 4), f['acc'], f['macro_f1'],
                                 round(time.time() - t, 1)])
                if m['best'] is None or f['acc'] + f['macro_f1'] > m['best'][0]:
                    m['best'] = (f['acc'] + f['macro_f1'], epoch, copy.deepcopy(m['net'].state_dict()))
            run.log(f'{phase} epoch {epoch}/{epochs}: ' + ', '.join(f"{m['name']} dev {run.rows[-len(members) + k][5]:.4f}" for k, m in enumerate(members)))
            run.write()
    for m in members:
        m['net'].load_state_dict(m['best'][2])
        m['best_epoch'] = m['best'][1]
    return epochs


def main():
    args = parse()
    os.makedirs(args.out, exist_ok=True)
    run = Run(args.out)
    s = run.summary
    s['args'] = vars(args)
    try:
        dev = pick_device(args)
        use_amp = args.amp == 'bf16' or (args.amp == 'auto' and dev.type == 'cuda')

        def amp():
            return torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=use_amp)
        torch.manual_seed(args.seed)
        if dev.type == 'cuda':
            torch.backends.cudnn.benchmark = True
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
            s['gpu'] = torch.cuda.get_device_name(0)
        s.update(torch=torch.__version__, python=platform.python_version(), device=str(dev), amp=use_amp)
        run.log(f"torch {torch.__version__} on {s.get('gpu', dev)}, bf16 autocast {use_amp}")

        packed = pack.read(args.pack)
        keep = ~packed['train_not_face']
        tx = torch.from_numpy(packed['train_x'][keep]).to(dev)
        ty = torch.from_numpy(packed['train_y'][keep].astype(np.int64)).to(dev)
        votes = torch.from_numpy(packed['train_votes'][keep].astype(np.float32)).to(dev)
        run.dev_x = torch.from_numpy(packed['dev_x']).to(dev)
        run.dev_y = torch.from_numpy(packed['dev_y'].astype(np.int64)).to(dev)
        cx = torch.from_numpy(packed['ckplus_x']).to(dev)
        cy = torch.from_numpy(packed['ckplus_y'].astype(np.int64)).to(dev)
        s['data'] = {'train': len(tx), 'not_a_face_dropped': int((~keep).sum()), 'dev': len(run.dev_x), 'ckplus': len(cx)}
        run.log(f"data: {s['data']}")
        k = len(data.EMOTIONS)
        targets = data.soft_targets(ty, votes, args.hard_weight)
        targets = (1 - args.label_smoothing) * targets + args.label_smoothing / k
        share = torch.bincount(ty, minlength=k).float() / len(ty)
        class_weight = share.pow(-args.class_power)
        class_weight /= (class_weight * share).sum()
        run.gen = torch.Generator(device=dev).manual_seed(args.seed)
        run.batch = min(args.batch, len(tx))
        steps = len(tx) // run.batch

        def batch_of(i):
            # The timing probe runs a few steps more than an epoch may have: it wraps around.
            i %= steps
            idx = run.order[i * run.batch:(i + 1) * run.batch] if hasattr(run, 'order') else torch.arange(i * run.batch, (i + 1) * run.batch, device=dev)
            return idx, augment48(tx[idx], run.gen)

        # The shipped model: the figure to beat, and one student's starting point.
        topology, weights = recover.read_export(args.shipped)
        pick = torch.randperm(len(tx), generator=run.gen, device=dev)[:2048].cpu()
        shipped = recover.rebuild(topology, weights, augment.resize(tx.cpu()[pick].float().unsqueeze(1) / 255, STUDENT_SIZE)).to(dev)
        shipped = shipped.to(memory_format=torch.channels_last)
        s['shipped'] = {'dev': figures(probabilities([shipped], run.dev_x, STUDENT_SIZE, amp), run.dev_y),
                        'ckplus': ck_figures(probabilities([shipped], cx, STUDENT_SIZE, amp), cy)}
        run.log(f"shipped model: dev {s['shipped']['dev']['acc']} / macro-F1 {s['shipped']['dev']['macro_f1']}, CK+ {s['shipped']['ckplus']['acc']}")

        # Teachers.
        t_phase = time.time()
        members = []
        for n, name in enumerate(args.teachers.split(',')):
            torch.manual_seed(args.seed + n)
            net = TEACHERS[name](widths=tuple(max(8, round(w * args.width_scale)) for w in (64, 128, 256, 512))).to(dev).to(memory_format=torch.channels_last)
            decay = [p for p in net.parameters() if p.ndim > 1]
            rest = [p for p in net.parameters() if p.ndim <= 1]
            opt = torch.optim.SGD([{'params': decay, 'weight_decay': 5e-4}, {'params': rest, 'weight_decay': 0}],
                                  lr=args.teacher_lr, momentum=0.9, nesterov=True)
            members.append({'name': name, 'net': net, 'opt': opt, 'lr': args.teacher_lr,
                            'params': sum(p.numel() for p in net.parameters())})

        def teacher_step(ms, i):
            idx, x48 = batch_of(i)
            x48 = x48.contiguous(memory_format=torch.channels_last)
            for m in ms:
                with amp():
                    logits = m['net'](x48)
                loss = soft_ce(logits, targets[idx], class_weight[ty[idx]])
                m['opt'].zero_grad(set_to_none=True)
                loss.backward()
                m['opt'].step()
                m['loss'] = m.get('loss', 0.0) + loss.detach()  # read once an epoch: no GPU sync a step

        epochs, _ = plan_epochs(run, members, teacher_step, steps, args.teacher_seconds, args.max_teacher_epochs, 'teachers')
        epochs = fit(run, 'teacher', members, teacher_step, tx, epochs, args.teacher_seconds, lambda net: probabilities([net], run.dev_x, 48, amp))
        teachers = [m['net'].eval() for m in members]
        s['teachers'] = {m['name']: {'params': m['params'], 'epochs': epochs, 'best_epoch': m['best_epoch'],
                                     'dev': figures(probabilities([m['net']], run.dev_x, 48, amp), run.dev_y),
                                     'ckplus': ck_figures(probabilities([m['net']], cx, 48, amp), cy)} for m in members}
        ens = {'train': probabilities(teachers, tx, 48, amp), 'dev': probabilities(teachers, run.dev_x, 48, amp),
               'ckplus': probabilities(teachers, cx, 48, amp)}
        s['ensemble'] = {'dev': figures(ens['dev'], run.dev_y), 'ckplus': ck_figures(ens['ckplus'], cy)}
        s['phases']['teachers'] = round(time.time() - t_phase, 1)
        run.log(f"teacher ensemble: dev {s['ensemble']['dev']['acc']} / macro-F1 {s['ensemble']['dev']['macro_f1']}, CK+ {s['ensemble']['ckplus']['acc']}")
        np.savez_compressed(os.path.join(args.out, 'teacher-probs.npz'), train=ens['train'].cpu().half().numpy(),
                            train_not_face=packed['train_not_face'], dev=ens['dev'].cpu().half().numpy(),
                            ckplus=ens['ckplus'].cpu().half().numpy(), teachers=np.array(args.teachers.split(',')))
        run.write()

        # Students: the shipped net continued, and one from scratch; both learn from the teachers.
        t_phase = time.time()
        torch.manual_seed(args.seed + 100)
        scratch = EmotionNet(DEFAULT_STAGES).to(dev).to(memory_format=torch.channels_last)
        students = []
        for name, net, lr in (('from-shipped', copy.deepcopy(shipped), 0.02), ('from-scratch', scratch, 0.1)):
            decay = [p for p in net.parameters() if p.ndim > 1]
            rest = [p for p in net.parameters() if p.ndim <= 1]
            opt = torch.optim.SGD([{'params': decay, 'weight_decay': 5e-4}, {'params': rest, 'weight_decay': 0}], lr=lr, momentum=0.9, nesterov=True)
            students.append({'name': name, 'net': net, 'opt': opt, 'lr': lr})

        def student_step(ms, i):
            idx, x48 = batch_of(i)
            with torch.no_grad(), amp():
                taught = sum(F.softmax(t(x48.contiguous(memory_format=torch.channels_last)).float() / args.tau, 1) for t in teachers) / len(teachers)
            x40 = augment.resize(x48, STUDENT_SIZE).contiguous(memory_format=torch.channels_last)
            for m in ms:
                with amp():
                    logits = m['net'](x40).float()
                kd = F.kl_div(F.log_softmax(logits / args.tau, 1), taught, reduction='batchmean') * args.tau ** 2
                loss = args.distill * kd + (1 - args.distill) * soft_ce(logits, targets[idx], class_weight[ty[idx]])
                m['opt'].zero_grad(set_to_none=True)
                loss.backward()
                m['opt'].step()
                m['loss'] = m.get('loss', 0.0) + loss.detach()  # read once an epoch: no GPU sync a step

        epochs, _ = plan_epochs(run, students, student_step, steps, args.student_seconds, args.max_student_epochs, 'students')
        epochs = fit(run, 'student', students, student_step, tx, epochs, args.student_seconds,
                     lambda net: probabilities([net], run.dev_x, STUDENT_SIZE, amp))
        s['students'] = {}
        for m in students:
            m['dev'] = figures(probabilities([m['net']], run.dev_x, STUDENT_SIZE, amp), run.dev_y)
            s['students'][m['name']] = {'epochs': epochs, 'best_epoch': m['best_epoch'], 'dev': m['dev'],
                                        'ckplus': ck_figures(probabilities([m['net']], cx, STUDENT_SIZE, amp), cy)}
        s['phases']['students'] = round(time.time() - t_phase, 1)
        best = max(students, key=lambda m: m['dev']['acc'] + m['dev']['macro_f1'])
        ref = s['shipped']['dev']
        s['chosen'] = best['name']
        s['beats_shipped'] = best['dev']['acc'] + best['dev']['macro_f1'] > ref['acc'] + ref['macro_f1'] and best['dev']['acc'] > ref['acc']
        run.log(f"best student {best['name']}: dev {best['dev']['acc']} / macro-F1 {best['dev']['macro_f1']} "
                f"(shipped {ref['acc']} / {ref['macro_f1']}): {'beats' if s['beats_shipped'] else 'does not beat'} the shipped model")

        # Export, calibrated by temperature on dev (the lead refits it on pipeline crops: pipeline_eval.py).
        net = EmotionNet(DEFAULT_STAGES)
        net.load_state_dict({k: v.float().cpu() for k, v in best['net'].state_dict().items()})
        net.eval()
        x40 = augment.resize(run.dev_x.cpu().float().unsqueeze(1) / 255, STUDENT_SIZE)
        with torch.no_grad():
            z, zf = net(x40), net(torch.flip(x40, dims=[3]))
        temps = torch.arange(0.5, 2.001, 0.01)
        nll = [F.nll_loss(torch.log((F.softmax(z / t, 1) + F.softmax(zf / t, 1)) / 2), run.dev_y.cpu()).item() for t in temps]
        temperature = round(temps[int(np.argmin(nll))].item(), 2)
        ck = {'stages': DEFAULT_STAGES, 'size': STUDENT_SIZE, 'state': net.state_dict(), 'epoch': best['best_epoch'],
              'dev': best['dev'], 'args': {**vars(args), 'init': None, 'gpu_run': True}}
        torch.save(ck, os.path.join(args.out, 'student.pt'))
        write_export(net, ck, x40, run.dev_y.cpu(), args.out, temperature=temperature)
        s['export'] = {'temperature': temperature, 'dir': args.out}
        run.log(f'exported {best["name"]} with temperature {temperature}')
    except BaseException as err:
        s['error'] = ''.join(traceback.format_exception_only(type(err), err)).strip()
        run.log(f"failed: {s['error']}")
        raise
    finally:
        run.write()


if __name__ == '__main__':
    main()
