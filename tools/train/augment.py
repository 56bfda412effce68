"""Batch augmentation in one grid_sample call, cheaper than per-image transforms. Random numbers
come from `gen` on the batch's own device, so the same code runs on the CPU and on a GPU
(gpu_train.py); on the CPU nothing changes."""
import math

import torch
import torch.nn.functional as F


def area_weights(n, size):
    """[size, n] matrix: output pixel u averages source pixels over [u*n/size, (u+1)*n/size),
    each weighted by the length it covers. The same weights as resizeCrop in
    src/offscreen/faces/crop.ts (float32 there, float64 here then float32)."""
    scale = n / size
    w = torch.zeros(size, n, dtype=torch.float64)
    for u in range(size):
        a, b = u * scale, (u + 1) * scale
        for i in range(int(math.floor(a)), min(n, int(math.ceil(b)))):
            w[u, i] = (min(b, i + 1) - max(a, i)) / scale
    return w.float()


_AREA = {}


def resize(x, size):
    """What the product's resizeCrop does: area averaging when shrinking (anti-aliased),
    bilinear with half-pixel centres and clamped edges when enlarging."""
    n = x.shape[-1]
    if n == size:
        return x
    if size > n:
        return F.interpolate(x, size=(size, size), mode='bilinear', align_corners=False)
    key = (n, size, str(x.device))
    if key not in _AREA:
        _AREA[key] = area_weights(n, size).to(x.device)
    w = _AREA[key].to(x.dtype)
    return torch.matmul(torch.matmul(w, x), w.t())


def random_affine(x, size, gen, rotate_deg=12.0, scale=(0.88, 1.12), shift=0.08):
    """Random rotation, zoom, shift and horizontal flip, sampled straight to `size` px.
    Reflection padding: a crop from a webcam frame has face and background at its edges, not black."""
    b = x.shape[0]
    angle = (torch.rand(b, generator=gen, device=gen.device) * 2 - 1) * math.radians(rotate_deg)
    s = scale[0] + torch.rand(b, generator=gen, device=gen.device) * (scale[1] - scale[0])
    flip = torch.where(torch.rand(b, generator=gen, device=gen.device) < 0.5, -1.0, 1.0)
    tx, ty = ((torch.rand(2, b, generator=gen, device=gen.device) * 2 - 1) * shift * 2)
    cos, sin = torch.cos(angle) / s, torch.sin(angle) / s
    theta = torch.stack([
        torch.stack([cos * flip, -sin, tx], 1),
        torch.stack([sin * flip, cos, ty], 1),
    ], 1)
    grid = F.affine_grid(theta, [b, 1, size, size], align_corners=False)
    return F.grid_sample(x, grid, mode='bilinear', padding_mode='reflection', align_corners=False)


def random_erase(x, gen, p=0.5, area=(0.02, 0.15)):
    """Blanks one rectangle per chosen image with its mean grey (occlusion by hands, glasses)."""
    b, _, h, w = x.shape
    frac = area[0] + torch.rand(b, generator=gen, device=gen.device) * (area[1] - area[0])
    aspect = torch.exp((torch.rand(b, generator=gen, device=gen.device) * 2 - 1) * math.log(2))
    eh = (torch.sqrt(frac * aspect) * h).clamp(1, h).long()
    ew = (torch.sqrt(frac / aspect) * w).clamp(1, w).long()
    y0 = (torch.rand(b, generator=gen, device=gen.device) * (h - eh + 1)).long()
    x0 = (torch.rand(b, generator=gen, device=gen.device) * (w - ew + 1)).long()
    rows = torch.arange(h, device=x.device).view(1, h, 1)
    cols = torch.arange(w, device=x.device).view(1, 1, w)
    mask = (rows >= y0.view(b, 1, 1)) & (rows < (y0 + eh).view(b, 1, 1)) & (cols >= x0.view(b, 1, 1)) & (cols < (x0 + ew).view(b, 1, 1))
    mask &= (torch.rand(b, generator=gen, device=gen.device) < p).view(b, 1, 1)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    return torch.where(mask.unsqueeze(1), mean.expand_as(x), x)


def _chance(b, p, gen):
    return (torch.rand(b, generator=gen, device=gen.device) < p).view(b, 1, 1, 1)


def light(x, gen, p_gamma=0.5, p_dark=0.3):
    """Camera exposure: a random gamma (0.6-1.65) and, for some images, low light (dimmer,
    flatter contrast, the dark end crushed the way an 8-bit sensor does)."""
    b = x.shape[0]
    gamma = torch.exp((torch.rand(b, generator=gen, device=gen.device) * 2 - 1) * 0.5).view(b, 1, 1, 1)
    x = torch.where(_chance(b, p_gamma, gen), x.clamp(min=0).pow(gamma), x)
    gain = (0.25 + torch.rand(b, generator=gen, device=gen.device) * 0.6).view(b, 1, 1, 1)
    dark = torch.round(x * gain * 255) / 255
    return torch.where(_chance(b, p_dark, gen), dark, x)


def blur(x, gen, p=0.3, sigma=(0.3, 1.3)):
    """Out-of-focus / motion-soft webcam faces: a Gaussian of random width per image."""
    b, _, h, w = x.shape
    s = (sigma[0] + torch.rand(b, generator=gen, device=gen.device) * (sigma[1] - sigma[0])).view(b, 1)
    r = torch.arange(-2, 3, dtype=torch.float32, device=x.device).view(1, 5)
    k1 = torch.exp(-r ** 2 / (2 * s ** 2))
    k1 = k1 / k1.sum(1, keepdim=True)
    k = (k1.view(b, 5, 1) * k1.view(b, 1, 5)).view(b, 1, 5, 5)
    out = F.conv2d(F.pad(x.view(1, b, h, w), (2, 2, 2, 2), mode='replicate'), k, groups=b).view(b, 1, h, w)
    return torch.where(_chance(b, p, gen), out, x)


def noise(x, gen, p=0.4, max_std=0.05):
    """Sensor noise, stronger in some images than others."""
    b = x.shape[0]
    std = (torch.rand(b, generator=gen, device=gen.device) * max_std).view(b, 1, 1, 1)
    n = torch.randn(x.shape, generator=gen, device=gen.device) * std
    return torch.where(_chance(b, p, gen), (x + n).clamp(0, 1), x)


def jpeg(x, gen, p=0.3, quality=(15, 75)):
    """JPEG artefacts of a compressed camera stream or photo (PIL, per chosen image)."""
    import io
    import numpy as np
    from PIL import Image
    b = x.shape[0]
    pick = (torch.rand(b, generator=gen, device=gen.device) < p).nonzero().flatten().tolist()
    q = (quality[0] + torch.rand(b, generator=gen, device=gen.device) * (quality[1] - quality[0])).long().tolist()
    if not pick:
        return x
    x = x.clone()
    for i in pick:
        im = Image.fromarray((x[i, 0].clamp(0, 1) * 255).round().byte().numpy())
        buf = io.BytesIO()
        im.save(buf, format='JPEG', quality=q[i])
        buf.seek(0)
        x[i, 0] = torch.from_numpy(np.asarray(Image.open(buf), dtype=np.float32) / 255)
    return x


def occlude(x, gen, p=0.15):
    """Glasses or a hand: a dark band across the eyes, or a flat bright patch over the lower face."""
    b, _, h, w = x.shape
    rows = torch.arange(h, device=x.device).view(1, 1, h, 1).float() / h
    cols = torch.arange(w, device=x.device).view(1, 1, 1, w).float() / w
    top = (0.25 + torch.rand(b, generator=gen, device=gen.device) * 0.15).view(b, 1, 1, 1)
    band = (rows >= top) & (rows < top + 0.12)
    glasses = band & _chance(b, p / 2, gen)
    x0 = (torch.rand(b, generator=gen, device=gen.device) * 0.6).view(b, 1, 1, 1)
    y0 = (0.55 + torch.rand(b, generator=gen, device=gen.device) * 0.25).view(b, 1, 1, 1)
    hand = (cols >= x0) & (cols < x0 + 0.4) & (rows >= y0) & _chance(b, p / 2, gen)
    shade = (0.05 + torch.rand(b, generator=gen, device=gen.device) * 0.2).view(b, 1, 1, 1)
    skin = (0.5 + torch.rand(b, generator=gen, device=gen.device) * 0.4).view(b, 1, 1, 1)
    x = torch.where(glasses, shade.expand_as(x), x)
    return torch.where(hand, skin.expand_as(x), x)


def camera(x, size, gen, erase_p=0.3, rotate_deg=15.0, scale=(0.85, 1.15)):
    """The training view of a batch of 48 px faces: geometry jitter at 48 px, exposure, blur,
    JPEG, then the runtime's area downscale to `size`, sensor noise and occlusions."""
    x = random_affine(x, x.shape[-1], gen, rotate_deg=rotate_deg, scale=scale)
    x = blur(light(x, gen), gen)
    x = jpeg(x, gen)
    x = noise(resize(x, size), gen)
    return random_erase(occlude(x, gen), gen, p=erase_p)
