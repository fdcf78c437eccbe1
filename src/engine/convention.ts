import { FeeError, FeeErrorCode, FeeErrorWhere } from "./FeeError";

/**
 * One named convention of a closed registry (a day count, a rounding rule, a
 * net-asset timing): its id, a name for people, and the other spellings it is
 * also known by. Every front (functions, command line, pane, settings reader)
 * derives its choices and aliases from the registries, never from its own list.
 */
export interface Convention<Id extends string> {
  id: Id;
  name: string;
  /** Other spellings accepted for the id (compared case-insensitively, spaces, "_" and "-" alike). */
  aliases: readonly string[];
}

/** How a name is compared: case-insensitive; runs of spaces, "_" and "-" are one separator. */
export function conventionKey(text: string): string {
  return text.trim().toUpperCase().replace(/[\s_-]+/g, " ");
}

const indexes = new WeakMap<object, Map<string, string>>();

function indexOf<Id extends string>(registry: Readonly<Record<Id, Convention<Id>>>): Map<string, string> {
  let index = indexes.get(registry);
  if (!index) {
    index = new Map();
    for (const c of Object.values(registry) as Convention<Id>[]) {
      for (const name of [c.id, ...c.aliases]) index.set(conventionKey(name), c.id);
    }
    indexes.set(registry, index);
  }
  return index;
}

/** The id a name or alias stands for in a registry, or undefined. */
export function lookupConvention<Id extends string>(registry: Readonly<Record<Id, Convention<Id>>>, text: string): Id | undefined {
  return indexOf(registry).get(conventionKey(text)) as Id | undefined;
}

/** The ids of a registry, in declaration order: the choices a dropdown or a message lists. */
export function conventionIds<Id extends string>(registry: Readonly<Record<Id, Convention<Id>>>): Id[] {
  return Object.keys(registry) as Id[];
}

/** Like lookupConvention, but an unknown name is a FeeError with `code` that lists the choices. */
export function parseConvention<Id extends string>(registry: Readonly<Record<Id, Convention<Id>>>, text: string, code: FeeErrorCode, where: FeeErrorWhere = {}): Id {
  const id = lookupConvention(registry, text);
  if (id === undefined) throw new FeeError(code, { ...where, value: text }, `use ${joinChoices(conventionIds(registry))}`);
  return id;
}

/** "A, B or C". */
export function joinChoices(ids: readonly string[]): string {
  return ids.length <= 1 ? ids.join("") : `${ids.slice(0, -1).join(", ")} or ${ids[ids.length - 1]}`;
}
