-- bench.peer: what PostGraphile needs beyond its generated API to answer the benchmark's
-- queries as govgraph does. Applied to the benchmark database only (never by govgraph's
-- migrations); each run recreates the schema. Each function is what a PostGraphile user would
-- write: plain SQL over govgraph's tables, using the same indexes govgraph's queries use.
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_peer CASCADE;
CREATE SCHEMA bench_peer;

-- domain.text.fold: lower case, no diacritics (đ to d), single spaces.
CREATE FUNCTION bench_peer.fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(translate(lower(normalize(value, NFC)),
    'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ',
    'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'), '\s+', ' ', 'g'))
$$;

-- people(search:, unitId:, includeSubtree: true): active people of a unit's subtree whose
-- folded name holds every word (at most 6) of the folded search, by name then id.
CREATE FUNCTION bench_peer.search_people(search text, unit_code text)
RETURNS SETOF public.persons LANGUAGE sql STABLE AS $$
  SELECT p.*
  FROM public.persons p
  JOIN public.org_units u ON u.id = p.unit_id
  WHERE u.path LIKE (SELECT replace(replace(path, '_', '\_'), '%', '\%') || '%'
                     FROM public.org_units WHERE code = unit_code)
    AND p.status = 'ACTIVE'
    AND NOT EXISTS (
      SELECT 1
      FROM unnest((string_to_array(bench_peer.fold(search), ' '))[1:6]) AS word
      WHERE strpos(p.search_name, word) = 0
    )
  ORDER BY p.search_name, p.id
$$;

-- Task.statusClass (domain.tasks.model.classify) at the time of the request.
CREATE FUNCTION bench_peer.tasks_status_class(t public.tasks) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN t.state IN ('CANCELLED', 'ESCALATED') THEN NULL
    WHEN t.deadline IS NULL THEN 'NO_DEADLINE'
    WHEN t.state = 'COMPLETED' THEN
      CASE WHEN t.completed_at <= t.deadline THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
    WHEN now() > t.deadline THEN 'OPEN_OVERDUE'
    ELSE 'OPEN_WITHIN_DEADLINE'
  END
$$;

-- myWork of a unit leader who is also a person (specialist and tracker sides): tasks led by
-- the unit or a unit under it (the demo director's LEADER grant covers SNV's subtree, which
-- his OVERSEER grant there lets count) in a leader's state, assigned to the person in a
-- specialist's state, or tracked by the person with an extension request waiting for a
-- decision; by due time, then id. The states come from govgraph's domain (the benchmark
-- passes them).
CREATE FUNCTION bench_peer.my_work(
  lead_unit_code text, person_id int,
  leader_states text[], specialist_states text[], tracker_states text[]
) RETURNS SETOF public.tasks LANGUAGE sql STABLE AS $$
  SELECT t.*
  FROM public.tasks t
  WHERE t.id IN (
    SELECT w.id FROM public.tasks w JOIN public.org_units u ON u.id = w.lead_unit_id
    WHERE u.path LIKE (SELECT replace(replace(path, '_', '\_'), '%', '\%') || '%'
                       FROM public.org_units WHERE code = lead_unit_code)
      AND w.state = ANY (leader_states)
    UNION
    SELECT w.id FROM public.tasks w JOIN public.task_assignees a ON a.task_id = w.id
    WHERE a.person_id = my_work.person_id AND w.state = ANY (specialist_states)
    UNION
    SELECT w.id FROM public.tasks w JOIN public.task_trackers k ON k.task_id = w.id
    WHERE k.person_id = my_work.person_id AND w.state = ANY (tracker_states)
      AND EXISTS (SELECT 1 FROM public.task_progress p WHERE p.task_id = w.id
                  AND p.extension_until IS NOT NULL AND p.extension_decision IS NULL)
  )
  ORDER BY coalesce(t.deadline, '9999-01-01 00:00:00+00'), t.id
$$;

-- tasks(filter: {unitId, includeSubtree, kinds, statusClasses}): tasks with a unit (lead or
-- coordinating) in the unit's subtree, of the kinds and status classes; by due time, then id.
CREATE FUNCTION bench_peer.unit_tasks(unit_code text, kinds text[], status_classes text[])
RETURNS SETOF public.tasks LANGUAGE sql STABLE AS $$
  SELECT t.*
  FROM public.tasks t
  WHERE t.id IN (
      SELECT tu.task_id FROM public.task_units tu
      WHERE tu.unit_id IN (
        SELECT id FROM public.org_units
        WHERE path LIKE (SELECT replace(replace(path, '_', '\_'), '%', '\%') || '%'
                         FROM public.org_units WHERE code = unit_code)))
    AND t.kind = ANY (kinds)
    AND bench_peer.tasks_status_class(t) = ANY (status_classes)
  ORDER BY coalesce(t.deadline, '9999-01-01 00:00:00+00'), t.id
$$;

-- reflectionWorkQueue(agencyId): the agency's open parts, soonest due first.
CREATE FUNCTION bench_peer.work_queue(agency_code text, states text[])
RETURNS SETOF public.reflection_assignments LANGUAGE sql STABLE AS $$
  SELECT a.*
  FROM public.reflection_assignments a
  WHERE a.agency_unit_id = (SELECT id FROM public.org_units WHERE code = agency_code)
    AND a.state = ANY (states)
  ORDER BY a.due_at, a.id
$$;

-- Reflection.reporterPhone as a handling agency sees it: only where the reporter consented
-- (domain.permissions.can_view_reporter_contact for an agency's staff).
CREATE FUNCTION bench_peer.reflections_agency_phone(r public.reflections) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN r.consent_contact THEN r.reporter_phone END
$$;

-- publicReflections: published, public, not secret; newest first.
CREATE FUNCTION bench_peer.public_reflections() RETURNS SETOF public.reflections
LANGUAGE sql STABLE AS $$
  SELECT r.*
  FROM public.reflections r
  WHERE r.state = 'PUBLISHED' AND r.is_public AND NOT r.secrecy_requested
  ORDER BY r.published_at DESC, r.id DESC
$$;

-- taskStats(unitId, period) of a month already over (domain.stats.figures): the month's
-- cells of the unit's subtree summed; open tasks with a deadline are all overdue; the median
-- handling time from the histogram of tenths of working days.
CREATE TYPE bench_peer.task_figures AS (
  total int, done_on_time int, done_late int, open_within_deadline int, open_overdue int,
  on_time_rate numeric, median_handling_days numeric
);

CREATE FUNCTION bench_peer.month_stats(unit_code text, month date)
RETURNS bench_peer.task_figures LANGUAGE sql STABLE AS $$
  WITH units AS (
    SELECT id FROM public.org_units
    WHERE path LIKE (SELECT replace(replace(path, '_', '\_'), '%', '\%') || '%'
                     FROM public.org_units WHERE code = unit_code)
  ), cells AS (
    SELECT coalesce(sum(c.total), 0)::int AS total,
           coalesce(sum(c.done_on_time), 0)::int AS on_time,
           coalesce(sum(c.done_late), 0)::int AS late,
           coalesce(sum(c.open_deadline), 0)::int AS overdue
    FROM public.task_stat_cells c
    WHERE c.grain = 'MONTH' AND c.bucket = month AND c.unit_id IN (SELECT id FROM units)
  ), histogram AS (
    SELECT h.tenths, sum(h.tasks) AS n
    FROM public.task_stat_handling h
    WHERE h.grain = 'MONTH' AND h.bucket = month AND h.unit_id IN (SELECT id FROM units)
    GROUP BY h.tenths HAVING sum(h.tasks) > 0
  ), running AS (
    SELECT tenths, n, sum(n) OVER (ORDER BY tenths) - n AS seen, sum(n) OVER () AS size
    FROM histogram
  ), median AS (  -- the value(s) at positions (size-1)/2 and size/2, averaged
    SELECT round(avg(tenths) / 10.0, 2) AS days FROM running
    WHERE (div(size - 1, 2) >= seen AND div(size - 1, 2) < seen + n)
       OR (div(size, 2) >= seen AND div(size, 2) < seen + n)
  )
  SELECT cells.total, cells.on_time, cells.late, 0, cells.overdue,
         CASE WHEN cells.on_time + cells.late + cells.overdue > 0
              THEN round(cells.on_time::numeric / (cells.on_time + cells.late + cells.overdue), 4)
         END,
         median.days
  FROM cells, median
$$;

COMMENT ON FUNCTION bench_peer.fold(text) IS E'@behavior -*';
