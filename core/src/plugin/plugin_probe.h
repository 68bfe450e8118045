// Loads a plugin in a short-lived child process before retort loads it itself. A plugin's static
// constructors run inside dlopen, before retort can call or catch anything, and its entry point and init
// can segfault, abort, call exit() or never return: in-process, any of these ends or freezes retort without
// a word (exit(0) even reports success). In the child (fork) they end only the child: it loads the plugin
// exactly as retort would, with the same code on a copy of the same host, and reports each stage it enters
// through a pipe; retort waits for it with a timeout and turns how it ended into an error that names the
// stage. Only then is the plugin loaded into retort.
//
// Fork is safe here because retort has one thread while it loads plugins: they are loaded before the --jobs
// pool starts, and the threads that read revision files have been joined by then. (A plugin that starts
// threads of its own while loading could leave a lock held in the next probe's child; that probe would
// then be reported as not finishing in time, naming the plugin it was probing.)
#pragma once

#include "plugin/load_events.h"
#include "util/status.h"

#include <chrono>
#include <functional>

namespace retort {

// How long a plugin may take to load: $RETORT_PLUGIN_LOAD_TIMEOUT seconds (fractions allowed), 10 by
// default; an error for a value that is not a positive number.
Result<std::chrono::milliseconds> plugin_load_timeout();

// Runs `load` in a child process, which tells it the stages it enters, and waits at most `timeout` for it.
// `load` says whether the plugin loaded cleanly. The result is that answer when the child finished;
// otherwise an error saying how the child ended (crashed, called exit(), did not finish in time, was stopped
// by a sanitizer) and in which stage, for the caller to put at the plugin's file. A child that has not
// finished in time is killed.
Result<bool> probe_in_child(const std::function<bool(LoadObserver&)>& load, std::chrono::milliseconds timeout);

// "10 s", "0.5 s": a timeout as errors show it.
std::string seconds_text(std::chrono::milliseconds duration);

}  // namespace retort
