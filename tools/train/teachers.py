"""Teacher nets for gpu_train.py: far larger than the shipped student (model.py), trained only on
a GPU machine, never exported; their predictions are what the student learns from.

Both read 48 px grey faces, standardised per image like the student, and differ in build so
that their mistakes differ and their average is better than either:
- `resnet18`: the CIFAR-style ResNet-18 (3x3 stem, no early pooling; stages of 64-512 channels
  at 48, 24, 12 and 6 px), 11 M parameters.
- `vgg`: four stages of two 3x3 convs (64-512 channels) with BatchNorm and max pooling, global
  average pooling and dropout, 4.7 M parameters; the VGG variant that has done well on FER2013.
"""
from torch import nn

from model import standardise


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.skip = nn.Identity() if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.body(x) + self.skip(x))


class ResNet18(nn.Module):
    def __init__(self, classes=7, widths=(64, 128, 256, 512), dropout=0.2):
        super().__init__()
        layers = [nn.Conv2d(1, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True)]
        cin = widths[0]
        for i, w in enumerate(widths):
            layers += [Block(cin, w, 1 if i == 0 else 2), Block(w, w, 1)]
            cin = w
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(cin, classes))

    def forward(self, x):
        return self.head(self.features(standardise(x)).mean(dim=(2, 3)))


class VGG(nn.Module):
    def __init__(self, classes=7, widths=(64, 128, 256, 512), dropout=0.3):
        super().__init__()
        layers, cin = [], 1
        for i, w in enumerate(widths):
            for _ in range(2):
                layers += [nn.Conv2d(cin, w, 3, padding=1, bias=False), nn.BatchNorm2d(w), nn.ReLU(inplace=True)]
                cin = w
            if i < len(widths) - 1:
                layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(cin, classes))

    def forward(self, x):
        return self.head(self.features(standardise(x)).mean(dim=(2, 3)))


TEACHERS = {'resnet18': ResNet18, 'vgg': VGG}
