// Cuts registered secret values out of text: the log uses it for every line, and each provider
// client for every message and raw body it passes on, whatever the provider echoes back.
export function createSecretText() {
  const values = new Set<string>();
  return {
    /** Short values (under 4 characters) are not cut: they would mangle ordinary text. */
    add(value: string): void {
      if (value.length >= 4) values.add(value);
    },
    redact(text: string): string {
      let out = text;
      for (const value of values) out = out.split(value).join('[redacted]');
      return out;
    },
  };
}
