package io.github.aiobservability.sample.mock;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes the embedded provider's faults at runtime: {@code PUT /mock/faults} with the
 * rates to apply (see {@link FaultRatesRequest}), {@code POST /mock/faults/next} with
 * faults for the next requests (see {@link QueuedFaultsRequest}), {@code DELETE
 * /mock/faults} to go back to the configured rates and drop queued faults.
 */
@RestController
@RequestMapping("/mock/faults")
public class FaultsController {

	private final FaultInjector faults;

	public FaultsController(FaultInjector faults) {
		this.faults = faults;
	}

	@GetMapping
	FaultRates current() {
		return this.faults.current();
	}

	@PutMapping
	ResponseEntity<?> update(@RequestBody FaultRatesRequest request) {
		FaultRates rates = request.applyTo(this.faults.current());
		List<String> problems = rates.problems();
		if (!problems.isEmpty()) {
			return ResponseEntity.badRequest().body(Map.of("error", "invalid_fault_rates", "problems", problems));
		}
		this.faults.update(rates);
		return ResponseEntity.ok(rates);
	}

	@DeleteMapping
	FaultRates reset() {
		return this.faults.reset();
	}

	@GetMapping("/next")
	Map<String, Object> queued() {
		return Map.of("queued", this.faults.queued().stream().map(FaultInjector.Fault::apiName).toList());
	}

	@PostMapping("/next")
	ResponseEntity<?> queue(@RequestBody QueuedFaultsRequest request) {
		List<String> problems = request.problems();
		if (!problems.isEmpty()) {
			return ResponseEntity.badRequest().body(Map.of("error", "invalid_faults", "problems", problems));
		}
		this.faults.queue(request.toFaults());
		return ResponseEntity.ok(queued());
	}

}
