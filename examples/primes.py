"""The CPU-bound work both examples do: counting primes by trial division, in pure Python."""


def count_primes(start, stop):
    """How many primes lie in [start, stop)."""
    found = 0
    for n in range(max(start, 2), stop):
        for d in range(2, int(n ** 0.5) + 1):
            if n % d == 0:
                break
        else:
            found += 1
    return found
