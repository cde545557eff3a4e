#pragma once

#include "script/js_engine.h"

namespace mimic::script {

// Freezes everything reachable from the global, so that one global can serve many runs
// and no run can change the built-in objects that the next run uses. The global itself stays
// extensible, because sloppy-mode scripts create globals by assigning undeclared names; the thread
// runtime deletes those after each run. Its existing properties become read-only.
//
// Scripts often assign names such as toString, constructor, name or message on their own
// objects, and such an assignment fails when the inherited property is frozen. Those
// properties on Object.prototype, Function.prototype, Array.prototype and the error
// prototypes therefore become accessors whose setter defines an own property on the
// target object. Assignments to any other inherited frozen property are ignored, or
// throw a TypeError in strict code, as in any frozen realm.
//
// Must run in the global's realm, after the standard classes and the script globals
// are defined.
bool HardenGlobal(JSContext* cx, JS::HandleObject global);

}  // namespace mimic::script
