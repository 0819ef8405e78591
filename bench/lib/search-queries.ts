/** Keyword queries of the benchmarks: names, ids, Japanese and English topics of the generated snapshots. */
export const SEARCH_QUERIES = ['heart failure', '心不全', 'metformin', 'メトホルミン', 'Hinoki', 'clinical records', '退院サマリー', 'sepsis 敗血症', 'Kestrel-70B', 'triage', '鑑別診断', 'Yamada'];
