#!/usr/bin/env python3
"""Writes trimmed copies of the generator's output for the benchmark project, to measure what each part of the
generated code costs the user's compiler (build-variants.sh compiles them as ordinary sources).

Usage: variants.py GENERATED_DIR OUT_DIR
  GENERATED_DIR  the generator's files (build the project with -p:EmitCompilerGeneratedFiles=true; they are under
                 obj/Release/net8.0/generated/Checkpoint.Generators/Checkpoint.Generators.StateGenerator)
Writes OUT_DIR/full (as generated), OUT_DIR/no-config (without the config declarations and records) and
OUT_DIR/skeleton (no config, and empty VisitStateCore/ResetStateCore bodies: the interface and its one-line
members only, the least any per-class generated implementation can be).
"""
import os
import sys


def without_config(text):
    # The config support is the second partial declaration of the model and the record after it.
    first = text.find('partial class')
    second = text.find('\npartial class', first + 1)
    return text if second < 0 else text[:second] + '\n'


def empty_body(text, signature):
    start = text.find(signature)
    if start < 0:
        return text
    open_brace = text.find('    {\n', start)
    close_brace = text.find('\n    }\n', open_brace)
    return text[:open_brace] + '    {\n' + text[close_brace + 1:]


VARIANTS = {
    'full': lambda t: t,
    'no-config': without_config,
    'skeleton': lambda t: empty_body(empty_body(without_config(t), 'void VisitStateCore'), 'void ResetStateCore'),
}


def main(source, target):
    files = sorted(f for f in os.listdir(source) if f.endswith('.cs'))
    if not files:
        sys.exit(f'no generated .cs files in {source}')
    for name, transform in VARIANTS.items():
        directory = os.path.join(target, name)
        os.makedirs(directory, exist_ok=True)
        for file in files:
            with open(os.path.join(source, file), encoding='utf-8-sig') as reader:
                text = reader.read()
            with open(os.path.join(directory, file), 'w', encoding='utf-8') as writer:
                writer.write(transform(text))
    print(f'{len(files)} files in each of {", ".join(VARIANTS)} under {target}')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
