"""The MoodDJ emotion net: VGG-style stages, BatchNorm, global average pooling.

The TypeScript side (src/offscreen/model/emotion/mooddj.ts) runs the exported layer list, so any
change here must stay within what export.py can describe: 3x3 'same' convs + ReLU, 2x2 max
pools, one global average pool, one dense layer.
"""
import torch
from torch import nn

# Channels per conv, one list per stage; a 2x2 max pool follows every stage but the last,
# whose output is the feature map Grad-CAM explains.
DEFAULT_STAGES = [[32], [64, 64], [128, 128], [256]]
MIN_STD = 0.02


def standardise(x):
    """Per-image zero mean / unit variance: webcam crops differ from FER2013 in brightness
    and contrast far more than in content. MIN_STD keeps flat images from blowing up."""
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    std = x.std(dim=(1, 2, 3), keepdim=True, unbiased=False).clamp(min=MIN_STD)
    return (x - mean) / std


class EmotionNet(nn.Module):
    def __init__(self, stages=DEFAULT_STAGES, classes=7, dropout=0.3):
        super().__init__()
        self.stages = [list(s) for s in stages]
        blocks = []
        cin = 1
        for s, widths in enumerate(self.stages):
            for cout in widths:
                blocks += [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]
                cin = cout
            if s < len(self.stages) - 1:
                blocks.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*blocks)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        """x: [B,1,S,S] grey 0..1 -> logits."""
        f = self.features(standardise(x))
        return self.fc(self.dropout(f.mean(dim=(2, 3))))


def load_checkpoint(path):
    """A train.py checkpoint as an eval-mode net, with the checkpoint itself (size, stages, args)."""
    ck = torch.load(path, map_location='cpu')
    net = EmotionNet(ck['stages'])
    net.load_state_dict(ck['state'])
    return net.eval(), ck
