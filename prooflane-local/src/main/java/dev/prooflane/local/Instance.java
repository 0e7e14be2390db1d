package dev.prooflane.local;

import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.routing.Upstream;

/** A running process of one service (baseline or fork) and where it listens. */
record Instance(String service, ManagedProcess process, int port, Upstream upstream) {}
