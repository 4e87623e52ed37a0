// Node-API addon: reads several regions of another process's memory with one process_vm_readv(2) call.
// The sampler reads a thread state, a frame pointer, a data-stack chunk and a few frames per stack walk; as
// separate preads of /proc/PID/mem each costs a syscall (docs/profiler-cost.md §6 measures one call for 4
// regions at a third of 4 preads). Built at `npm ci` by scripts/build-native.sh; optional at run time.
//
// readRegions(pid, target, spec, count, status) -> regions read
//   target: Buffer the regions are copied into
//   spec:   Float64Array, 3 numbers per region: remote address, length, offset in target
//   status: Int32Array, one per region: 0 = read whole, else the errno (EFAULT for an unmapped region)
// A region that fails does not spoil the others: the call goes on after it.
// The process is named by PID, not by an open /proc/PID/mem: after an exec this reads the new program (the
// unwinder checks what it reads against the runtime it attached to).
#define NAPI_VERSION 8
#include <errno.h>
#include <node_api.h>
#include <stdint.h>
#include <sys/uio.h>

#define MAX_REGIONS 1024

static napi_value throw_type(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

static napi_value read_regions(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 5)
    return throw_type(env, "readRegions(pid, target, spec, count, status)");
  int32_t pid = 0, count = 0;
  napi_get_value_int32(env, argv[0], &pid);
  napi_get_value_int32(env, argv[3], &count);
  char *target = NULL;
  size_t target_length = 0;
  if (napi_get_buffer_info(env, argv[1], (void **)&target, &target_length) != napi_ok)
    return throw_type(env, "target must be a Buffer");
  napi_typedarray_type type;
  size_t spec_length = 0, status_length = 0;
  double *spec = NULL;
  int32_t *status = NULL;
  if (napi_get_typedarray_info(env, argv[2], &type, &spec_length, (void **)&spec, NULL, NULL) != napi_ok ||
      type != napi_float64_array)
    return throw_type(env, "spec must be a Float64Array");
  if (napi_get_typedarray_info(env, argv[4], &type, &status_length, (void **)&status, NULL, NULL) != napi_ok ||
      type != napi_int32_array)
    return throw_type(env, "status must be an Int32Array");
  if (pid <= 0 || count < 0 || count > MAX_REGIONS || (size_t)count * 3 > spec_length || (size_t)count > status_length)
    return throw_type(env, "bad pid, count or array sizes");

  struct iovec local[MAX_REGIONS], remote[MAX_REGIONS];
  for (int i = 0; i < count; i++) {
    double address = spec[3 * i], length = spec[3 * i + 1], offset = spec[3 * i + 2];
    // Addresses are JavaScript numbers: integers up to 2^53 are exact, and beyond that no user address lies.
    if (!(address >= 0 && address <= 9007199254740992.0 && length >= 0 && offset >= 0 &&
          offset + length <= (double)target_length))
      return throw_type(env, "a region does not fit the target");
    local[i].iov_base = target + (size_t)offset;
    local[i].iov_len = (size_t)length;
    remote[i].iov_base = (void *)(uintptr_t)address;
    remote[i].iov_len = (size_t)length;
    status[i] = EINPROGRESS;
  }
  int done = 0;
  int first = 0;
  while (first < count) {
    ssize_t n = process_vm_readv(pid, local + first, count - first, remote + first, count - first, 0);
    if (n < 0) {
      // The first region of this call failed as a whole (or the process is gone: then every one fails).
      int error = errno;
      status[first++] = error;
      if (error == ESRCH || error == EPERM) {
        while (first < count) status[first++] = error;
      }
      continue;
    }
    // Transfers stop between regions, never inside one: the regions wholly covered by n succeeded.
    size_t left = (size_t)n;
    while (first < count && left >= local[first].iov_len) {
      left -= local[first].iov_len;
      status[first++] = 0;
      done++;
    }
    if (first < count) status[first++] = EFAULT;
  }
  napi_value result;
  napi_create_int32(env, done, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "readRegions", NAPI_AUTO_LENGTH, read_regions, NULL, &fn);
  napi_set_named_property(env, exports, "readRegions", fn);
  return exports;
}
