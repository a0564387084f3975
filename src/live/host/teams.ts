/**
 * Who is still in the room: a team is shown (staged, scored in the debrief) only while it has a
 * player the trainer has not removed; a kicked or banned player's team of one (individuals mode)
 * and a team no phone ever joined are gone. Their votes stay in the record, marked by status.
 */
interface TeamLike {
  id: string;
  name: string;
}
interface PlayerLike {
  team: string;
  status: 'active' | 'kicked' | 'banned';
}

export function presentTeams<T extends TeamLike>(teams: readonly T[], players: readonly PlayerLike[]): T[] {
  return teams.filter((t) => players.some((p) => p.team === t.id && p.status === 'active'));
}

/** "1 player was removed by the trainer", without names (the projector shows it), or ''. */
export function removedNote(players: readonly PlayerLike[]): string {
  const n = players.filter((p) => p.status !== 'active').length;
  if (n === 0) return '';
  return n === 1 ? '1 player was removed by the trainer' : `${n} players were removed by the trainer`;
}
