package dev.onair.media.janus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client the Janus WebSockets open on: over {@code wss://} it trusts the
 * certificates of {@code JANUS_TRUSTED_CERTIFICATES} (the nodes' own self-signed one, or
 * the CA that signed theirs) and, as the JDK does for every {@code wss://} URL, checks
 * that the certificate names the URL's host, so only a Janus node holding the key gets
 * the API secret.
 */
final class JanusTrust {

	private static final Logger log = LoggerFactory.getLogger(JanusTrust.class);

	private JanusTrust() {
	}

	static HttpClient client(JanusProperties properties) {
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(properties.downAfter());
		if (properties.trustedCertificates() != null) {
			client.sslContext(trusting(properties.trustedCertificates()));
		}
		if (!properties.allSecure()) {
			log.warn("The Janus API is reached over plain ws:// for some nodes: the API secret crosses the "
					+ "network in clear text (docs/security.md, \"Janus API\")");
		}
		return client.build();
	}

	/**
	 * A TLS context whose only trust anchors are the given certificates: PEM text (k8s
	 * passes a Secret's key as a variable) or the path of a PEM file (./onair).
	 */
	private static SSLContext trusting(String pem) {
		boolean text = pem.startsWith("-----BEGIN");
		try (InputStream in = text ? new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))
				: Files.newInputStream(Path.of(pem))) {
			KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
			anchors.load(null, null);
			int index = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				anchors.setCertificateEntry("janus-" + index++, certificate);
			}
			if (index == 0) {
				throw new IllegalArgumentException("JANUS_TRUSTED_CERTIFICATES holds no certificate");
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(anchors);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read JANUS_TRUSTED_CERTIFICATES, " + pem, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot trust the certificates of JANUS_TRUSTED_CERTIFICATES", ex);
		}
	}

}
