"""Batch augmentation on the CPU in one grid_sample call, cheaper than per-image transforms."""
import math

import torch
import torch.nn.functional as F


def resize(x, size):
    """Bilinear, half-pixel centres, edges clamped, no anti-aliasing: what the product's
    resizeCrop (src/offscreen/face-crop.ts) does, so train and runtime crops match."""
    if x.shape[-1] == size:
        return x
    return F.interpolate(x, size=(size, size), mode='bilinear', align_corners=False)


def random_affine(x, size, gen, rotate_deg=12.0, scale=(0.88, 1.12), shift=0.08):
    """Random rotation, zoom, shift and horizontal flip, sampled straight to `size` px.
    Reflection padding: a crop from a webcam frame has face and background at its edges, not black."""
    b = x.shape[0]
    angle = (torch.rand(b, generator=gen) * 2 - 1) * math.radians(rotate_deg)
    s = scale[0] + torch.rand(b, generator=gen) * (scale[1] - scale[0])
    flip = torch.where(torch.rand(b, generator=gen) < 0.5, -1.0, 1.0)
    tx, ty = ((torch.rand(2, b, generator=gen) * 2 - 1) * shift * 2)
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
    frac = area[0] + torch.rand(b, generator=gen) * (area[1] - area[0])
    aspect = torch.exp((torch.rand(b, generator=gen) * 2 - 1) * math.log(2))
    eh = (torch.sqrt(frac * aspect) * h).clamp(1, h).long()
    ew = (torch.sqrt(frac / aspect) * w).clamp(1, w).long()
    y0 = (torch.rand(b, generator=gen) * (h - eh + 1)).long()
    x0 = (torch.rand(b, generator=gen) * (w - ew + 1)).long()
    rows = torch.arange(h).view(1, h, 1)
    cols = torch.arange(w).view(1, 1, w)
    mask = (rows >= y0.view(b, 1, 1)) & (rows < (y0 + eh).view(b, 1, 1)) & (cols >= x0.view(b, 1, 1)) & (cols < (x0 + ew).view(b, 1, 1))
    mask &= (torch.rand(b, generator=gen) < p).view(b, 1, 1)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    return torch.where(mask.unsqueeze(1), mean.expand_as(x), x)
