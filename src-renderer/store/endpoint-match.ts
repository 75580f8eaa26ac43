/**
 * Which endpoint of the picker's list a draft is: the picker follows the draft as it is edited by hand, and shows
 * no endpoint when the draft matches none. Pure.
 */
import type { EndpointOption, HttpMethod } from '../../src-shared/tester';

/** The path part of what was typed: no query, no fragment, no trailing slash. */
function pathOnly(path: string): string {
  const cut = path.search(/[?#]/);
  const bare = (cut < 0 ? path : path.slice(0, cut)).trim();
  return bare.replace(/\/+$/, '') || '/';
}

/** Whether a typed path fits an endpoint's path, `{param}` segments fitting any one non-empty segment. */
function fits(template: string, typed: string): boolean {
  const want = pathOnly(template).split('/');
  const have = typed.split('/');
  if (want.length !== have.length) return false;
  return want.every((segment, i) => (/^\{[^{}/]+\}$/.test(segment) ? have[i] !== '' : segment === have[i]));
}

/**
 * The endpoint the draft is, or null: the one last chosen when it still fits, else one whose path is exactly what
 * was typed (placeholders included), else the fitting one with the most literal segments.
 */
export function matchingEndpoint(
  list: EndpointOption[],
  draft: { method: HttpMethod; path: string; endpointId: string },
): EndpointOption | null {
  const typed = pathOnly(draft.path);
  const candidates = list.filter((e) => e.method === draft.method && fits(e.path, typed));
  if (candidates.length === 0) return null;
  const chosen = candidates.find((e) => e.id === draft.endpointId);
  if (chosen) return chosen;
  const exact = candidates.find((e) => pathOnly(e.path) === typed);
  if (exact) return exact;
  const literal = (e: EndpointOption) => pathOnly(e.path).split('/').filter((s) => !s.startsWith('{')).length;
  return [...candidates].sort((a, b) => literal(b) - literal(a))[0]!;
}
