/** Bearer tokens with scopes: their store, the admin token file and the API's guard. */
package dev.prooflane.server.auth;
