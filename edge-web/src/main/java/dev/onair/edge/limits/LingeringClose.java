package dev.onair.edge.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Lingering close, as nginx's {@code lingering_close}: a connection edge-web closes first
 * stops sending (the answer, then FIN) and reads, discarding, what the client still
 * sends, until the client closes too, {@link #LINGER} passes or
 * {@link #MAX_DISCARDED_BYTES} arrive. Closed at once with bytes left unread, a
 * connection ends in a TCP reset, and the reset makes the client drop the answer it had
 * not read yet: a request refused from its request line (over 4 KB) while its 900 KB body
 * was still on the way got edge-web's 414, and the client, the fuzz run, saw no answer at
 * all. One per connection, first in its pipeline, so it sees the close last and the bytes
 * first.
 */
final class LingeringClose extends ChannelDuplexHandler {

	static final Duration LINGER = Duration.ofSeconds(2);

	/**
	 * Above edge-web's largest request body (1 MiB): a refused one is read to its end.
	 */
	static final long MAX_DISCARDED_BYTES = 2 * 1024 * 1024;

	private ChannelPromise closing;

	private long discarded;

	private boolean closed;

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		if (this.closing != null || !(ctx.channel() instanceof DuplexChannel channel) || !channel.isActive()
				|| channel.isInputShutdown()) {
			ctx.close(promise);
			return;
		}
		this.closing = promise;
		channel.shutdownOutput();
		channel.config().setAutoRead(true);
		ctx.executor().schedule(() -> closeNow(ctx), LINGER.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.closing == null) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (msg instanceof ByteBuf bytes) {
			this.discarded += bytes.readableBytes();
		}
		ReferenceCountUtil.release(msg);
		if (this.discarded > MAX_DISCARDED_BYTES) {
			closeNow(ctx);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (this.closing != null) {
			closeNow(ctx);
		}
		ctx.fireChannelInactive();
	}

	/** Once: the linger's end, the byte bound and the client's own close may all come. */
	private void closeNow(ChannelHandlerContext ctx) {
		if (!this.closed) {
			this.closed = true;
			ctx.close(this.closing);
		}
	}

}
