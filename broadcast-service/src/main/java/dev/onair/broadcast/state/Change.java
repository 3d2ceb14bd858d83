package dev.onair.broadcast.state;

/**
 * The outcome of {@link BroadcastChanges#change}: the row before and after.
 * {@link #applied()} is {@code false} when the rule did not apply (an illegal or repeated
 * transition), so nothing was written.
 *
 * @param before the locked row
 * @param after the row as stored now
 */
public record Change(Broadcast before, Broadcast after) {

	public boolean applied() {
		return !this.before.equals(this.after);
	}

}
