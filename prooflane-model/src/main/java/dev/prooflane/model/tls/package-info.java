/** The router's TLS identity read from PEM files, with a located message for each bad file. */
package dev.prooflane.model.tls;
