// How a probe ends early: an assertion failure (→ fail), skip() (→ skip) or omit() (→ omit). Anything else thrown
// is unexpected and becomes `error` with its message.

export class AssertionFailure extends Error {
  override readonly name = 'AssertionFailure';
}

export class SkipSignal extends Error {
  override readonly name = 'SkipSignal';
}

export class OmitSignal extends Error {
  override readonly name = 'OmitSignal';
}
