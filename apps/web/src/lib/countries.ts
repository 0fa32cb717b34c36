/**
 * Countries by name for people, from the ISO codes the API speaks. Names come from the browser's
 * (or Node's) own CLDR data through Intl.DisplayNames, so no list of names ships with the app.
 */

let names: Intl.DisplayNames | null | undefined;

export function countryName(code: string): string {
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    } catch {
      names = null;
    }
  }
  try {
    return names?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** `United States, Canada and Japan`. */
export function countryList(codes: readonly string[]): string {
  return new Intl.ListFormat('en', { type: 'conjunction' }).format(codes.map(countryName));
}

/** The codes as options for a select, sorted by their names as people read them. */
export function countryOptions(codes: readonly string[]): Array<{ code: string; name: string }> {
  return codes
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
