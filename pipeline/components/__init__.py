"""The project's spaCy components, one per module; importing this package registers
every factory (`@Language.factory`) so `statecraft.cfg` can name them."""

from importlib import import_module
from pkgutil import iter_modules

for _module in iter_modules(__path__):
    import_module(f"{__name__}.{_module.name}")
