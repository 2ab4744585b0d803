// Building blocks of the contract: a method is an input schema plus a phantom output type.
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: only its type is used. */
  output: O;
  /** Human summary, also shown in error messages and docs. */
  summary: string;
  /** Methods that change state are audited and need a mutating HTTP verb. */
  mutates: boolean;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(spec: { input: I; summary: string; mutates?: boolean }): MethodSpec<I, O> => ({
    input: spec.input,
    output: undefined as unknown as O,
    summary: spec.summary,
    mutates: spec.mutates ?? false,
  });
