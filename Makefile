# Entry points for people and CI. `make` builds, `make run` starts the server
# with the sample APIs, `make test` builds and runs every test.
BUILD_DIR ?= build
SAN_BUILD_DIR ?= build-san
PORT ?= 8080

.PHONY: all deps build run test clean format

all: build

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C $(BUILD_DIR) mimic

run: build
	@./scripts/run-samples.sh $(BUILD_DIR)/mimic $(PORT)

test: deps
	@./scripts/test.sh

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD_DIR) $(SAN_BUILD_DIR)
