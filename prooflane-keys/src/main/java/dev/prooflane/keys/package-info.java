/** Reading the routing key of a request from every carrier it may travel in. */
package dev.prooflane.keys;
