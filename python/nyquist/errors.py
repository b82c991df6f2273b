"""Errors raised by nyquist: one class per exit-code family of the engine (README, "Exit codes")."""


class NyquistError(Exception):
    """An error of the engine, with its message (file and line or position where there is one) and `status`,
    the CLI's exit code for it (2 option or circuit, 3 data, 4 numerical)."""

    status = 0

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class OptionError(NyquistError, ValueError):
    """A bad circuit, parameter or option (exit code 2)."""

    status = 2


#: A bad circuit string or named model is an option error.
CircuitError = OptionError


class DataError(NyquistError):
    """Unreadable or invalid data, or a results store that cannot be read (exit code 3)."""

    status = 3


class NumericalError(NyquistError, ArithmeticError):
    """A numerical failure of the engine (exit code 4)."""

    status = 4


def error_for(status, message):
    """The exception for a C API status >= 2."""
    cls = {2: OptionError, 3: DataError, 4: NumericalError}.get(status, NyquistError)
    return cls(message, status)
