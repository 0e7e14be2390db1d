/** JSON shapes the API returns and the mapper that writes them. */
package dev.prooflane.server.json;
