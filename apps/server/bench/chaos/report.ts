/** The closing table: one section per heading, a label and a figure per line. */
export function table(sections: [string, [string, string | number][]][]): string {
  const width = Math.max(
    ...sections.flatMap(([, rows]) => rows.map(([label]) => label.length)),
    10,
  );
  const lines: string[] = [];
  for (const [heading, rows] of sections) {
    lines.push('', heading, '-'.repeat(heading.length));
    if (rows.length === 0) lines.push('  (none)');
    for (const [label, value] of rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
  }
  return lines.join('\n');
}

export const sortedEntries = <K extends string>(map: Map<K, number>): [string, number][] =>
  [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
