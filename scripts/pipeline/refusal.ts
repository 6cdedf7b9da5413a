// A run the job refused on purpose (bad input, a guard rail, another run's
// lease) rather than one that failed: the summary says `refused`, and the
// scheduler need not page anyone. Each kind of refusal extends this class, so
// the job tells them apart by type, not by name.
export class RefusalError extends Error {}
