#include "script/global_hardening.h"

#include <cstring>

#include <js/CallAndConstruct.h>
#include <js/CompilationAndEvaluation.h>
#include <js/CompileOptions.h>
#include <js/SourceText.h>

namespace mimic::script {
namespace {

// Runs once per global, before any user script. It leaves no bindings behind because it
// is a strict-mode function expression.
constexpr const char kHardeningSource[] = R"js((function () {
  'use strict';
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, freeze } = Object;
  const { ownKeys, defineProperty: tryDefineProperty } = Reflect;
  const global = globalThis;

  function makeOverridable(prototype, key) {
    const descriptor = getOwnPropertyDescriptor(prototype, key);
    if (!descriptor || !('value' in descriptor) || !descriptor.writable) return;
    const value = descriptor.value;
    defineProperty(prototype, key, {
      get() { return value; },
      set(newValue) {
        // Writes to the shared prototype itself, and to primitives, are ignored.
        if (this === prototype || Object(this) !== this) return;
        tryDefineProperty(this, key, {
          value: newValue, writable: true, enumerable: true, configurable: true,
        });
      },
      enumerable: descriptor.enumerable,
      configurable: false,
    });
  }

  const errorKeys = ['constructor', 'name', 'message', 'toString'];
  const overridable = [
    [Object.prototype, ['constructor', 'toString', 'toLocaleString', 'valueOf',
                        'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']],
    [Function.prototype, ['constructor', 'toString', 'apply', 'call', 'bind']],
    [Array.prototype, ['toString']],
  ];
  for (const ErrorType of [Error, EvalError, RangeError, ReferenceError, SyntaxError,
                           TypeError, URIError, AggregateError]) {
    overridable.push([ErrorType.prototype, errorKeys]);
  }
  if (typeof InternalError === 'function') {
    overridable.push([InternalError.prototype, errorKeys]);
  }
  for (const [prototype, keys] of overridable) {
    for (const key of keys) makeOverridable(prototype, key);
  }

  const seen = new Set([global]);
  const pending = [];
  function visit(value) {
    const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function';
    if (isObject && !seen.has(value)) {
      seen.add(value);
      pending.push(value);
    }
  }
  function visitProperties(object) {
    for (const key of ownKeys(object)) {
      const descriptor = getOwnPropertyDescriptor(object, key);
      if ('value' in descriptor) {
        visit(descriptor.value);
      } else {
        visit(descriptor.get);
        visit(descriptor.set);
      }
    }
  }

  for (const key of ownKeys(global)) {
    const descriptor = getOwnPropertyDescriptor(global, key);
    const readOnly = 'value' in descriptor ? { writable: false, configurable: false }
                                           : { configurable: false };
    defineProperty(global, key, readOnly);
  }
  visitProperties(global);
  visit(getPrototypeOf(global));
  while (pending.length > 0) {
    const object = pending.pop();
    freeze(object);
    visit(getPrototypeOf(object));
    visitProperties(object);
  }
}))js";

}  // namespace

bool HardenGlobal(JSContext* cx, JS::HandleObject global) {
  JS::CompileOptions options(cx);
  options.setFileAndLine("mimic:global-hardening", 1);
  JS::SourceText<mozilla::Utf8Unit> source;
  if (!source.init(cx, kHardeningSource, std::strlen(kHardeningSource),
                   JS::SourceOwnership::Borrowed)) {
    return false;
  }
  JS::RootedValue function(cx);
  if (!JS::Evaluate(cx, options, source, &function)) return false;
  JS::RootedValue ignored(cx);
  if (!JS::Call(cx, JS::UndefinedHandleValue, function, JS::HandleValueArray::empty(), &ignored)) {
    return false;
  }
  // Otherwise Object.setPrototypeOf(globalThis, ...) would change name lookups for the
  // runs that follow.
  bool succeeded = false;
  if (!JS_SetImmutablePrototype(cx, global, &succeeded)) return false;
  if (!succeeded) {
    JS_ReportErrorASCII(cx, "the global object's prototype could not be made immutable");
    return false;
  }
  return true;
}

}  // namespace mimic::script
