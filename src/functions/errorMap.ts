import { ERROR_KIND, isFeeError } from "../engine";

/**
 * Turns any error into the `CustomFunctions.Error` Excel shows: an engine
 * error becomes #VALUE! or #N/A with its message; anything unexpected becomes
 * #VALUE! that still says what happened, never a bare #VALUE!.
 */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (typeof e === "object" && e !== null && (e as { constructor?: unknown }).constructor === CustomFunctions.Error) return e as CustomFunctions.Error;
  if (isFeeError(e)) {
    const code = ERROR_KIND[e.code] === "NOT_AVAILABLE" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, e.message);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `unexpected error: ${message}`);
}
