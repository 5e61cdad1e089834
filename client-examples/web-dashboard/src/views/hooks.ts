import { useEffect, useState } from "preact/hooks";
import { gql } from "../lib/api";
import type { NotificationFeed } from "../lib/notifications";

interface Province {
  name: string;
  shortName: string | null;
}
let province: Promise<Province | null> | null = null;

/** The root of the tree ("Ủy ban nhân dân tỉnh ..."): public, asked once. */
export function useProvince(): Province | null {
  const [value, setValue] = useState<Province | null>(null);
  useEffect(() => {
    province ??= gql<{ orgTree: Province | null }>("query Province { orgTree(depth: 0) { name shortName } }")
      .then((data) => data.orgTree)
      .catch(() => null);
    void province.then(setValue);
  }, []);
  return value;
}

/** Re-render when the feed changes. */
export function useFeed(feed: NotificationFeed | null): void {
  const bump = useBump();
  useEffect(() => feed?.listen(bump), [feed]);
}

/** The hash route: "#/unit/SNV?x=1" -> { path: ["unit", "SNV"], params }. */
export function useRoute(): { path: string[]; params: URLSearchParams } {
  const bump = useBump();
  useEffect(() => {
    window.addEventListener("hashchange", bump);
    return () => window.removeEventListener("hashchange", bump);
  }, []);
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  return { path: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query ?? "") };
}

function useBump(): () => void {
  const [, set] = useState(0);
  return () => set((n) => n + 1);
}
