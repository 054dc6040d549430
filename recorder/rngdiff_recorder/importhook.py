"""Runs a function right after a module is imported, without importing it.

A finder placed first on ``sys.meta_path`` answers for the watched names only: it asks the other
finders for the real spec, then wraps the spec's loader so that ``exec_module`` runs the module and
then the hook. A module already imported is hooked at once.

    >>> hooks = PostImportHooks()
    >>> hooks.watch("numpy.random", lambda module: print("numpy.random is in"))
    >>> hooks.install()

Edge cases: each hook runs once; a hook that raises is reported on stderr as a warning and the
import goes on (the script's run is never broken by the recorder); a loader without
``exec_module`` (legacy ``load_module``) is left alone and hooked at the next import statement.
"""

import importlib.abc
import importlib.util
import sys


class _Loader(importlib.abc.Loader):
    def __init__(self, loader, run):
        self._loader, self._run = loader, run

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._run(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class PostImportHooks(importlib.abc.MetaPathFinder):
    def __init__(self):
        self._hooks = {}
        self._done = set()

    def watch(self, name, hook):
        """Runs ``hook(module)`` once ``name`` is imported (now, if it is); hooks of one name run in order."""
        self._hooks.setdefault(name, []).append(hook)
        if name in sys.modules:
            self._run(sys.modules[name], [hook])

    def install(self):
        sys.meta_path.insert(0, self)

    def _run(self, module, hooks=None):
        name = module.__name__
        if hooks is None:
            if name in self._done:
                return
            hooks = self._hooks.get(name, [])
        self._done.add(name)
        for hook in hooks:
            try:
                hook(module)
            except Exception as error:  # the script must run even when a hook fails
                sys.stderr.write("rngdiff record: warning: could not hook %s (%s: %s); its draws are not recorded\n"
                                 % (name, type(error).__name__, error))

    def find_spec(self, name, path=None, target=None):
        if name not in self._hooks or name in self._done:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader, self._run)
                return spec
        return None
