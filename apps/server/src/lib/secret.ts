/**
 * A value that must never reach a log line, an error message or a JSON body.
 * Printing, inspecting or serialising it shows a placeholder; only `reveal()` gives the value,
 * so every use of the raw secret is a visible, greppable call.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([redacted])';
  }
}
