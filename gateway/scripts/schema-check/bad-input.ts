/** Input the check cannot judge (exit 2): a missing or unparsable file, an unknown subgraph. */
export class BadInput extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'BadInput';
  }
}
