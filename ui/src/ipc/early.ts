// The first screen's calls, sent as soon as the bundle starts to run rather than once the screens
// have mounted: the Rust side answers while the page's script is still being set up.
import { api, type Api, type CasePage, type StoreState, type TagCount } from ".";
import { prepareListFormatters, uiLanguage } from "../messages";

/** Cases the list asks for at once; more on request. Keeps the list instant with thousands of cases. */
export const PAGE = 100;

/** Sends the first screen's calls now, and returns the real `api` whose first call of each of
 * these, with the arguments sent, takes the early reply; every later call asks again. */
export function earlyApi(): Api {
  const lang = uiLanguage();
  let state: Promise<StoreState> | null = api.storeState();
  let language: Promise<void> | null = api.setLanguage(lang).then(() => undefined);
  // The lists once the language is set (provider names follow it), and only from an open store;
  // the list's date formatters are made while the Rust side reads them. The tags go first: they
  // are quick, so the list's first drawing has them rather than drawing again when they come.
  const lists = Promise.all([state, language]).then(([s]) => {
    if (!s.unlocked) return null;
    const replies = { tags: api.listTags(), page: api.listCases("", PAGE) };
    prepareListFormatters();
    return replies;
  });
  let page: Promise<CasePage | null> | null = lists.then((l) => l && l.page);
  let tags: Promise<TagCount[] | null> | null = lists.then((l) => l && l.tags);
  // A reply nobody takes (the store was locked, a call failed) is not an unhandled rejection.
  for (const p of [state, language, page, tags]) p.catch(() => {});
  return {
    ...api,
    storeState: () => {
      const reply = state ?? api.storeState();
      state = null;
      return reply;
    },
    setLanguage: (l) => {
      const reply = l === lang && language ? language : api.setLanguage(l);
      language = null;
      return reply;
    },
    listCases: (query, limit) => {
      const early = query === "" && limit === PAGE ? page : null;
      page = null;
      return early ? early.then((p) => p ?? api.listCases(query, limit)) : api.listCases(query, limit);
    },
    listTags: () => {
      const early = tags;
      tags = null;
      return early ? early.then((t) => t ?? api.listTags()) : api.listTags();
    },
  };
}
