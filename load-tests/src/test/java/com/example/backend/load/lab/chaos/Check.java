package com.example.backend.load.lab.chaos;

import java.util.List;

/** One line of the ledger: what was checked, whether it held, and what broke it. */
record Check(String name, boolean passed, String detail, List<String> findings) {

	static Check of(String name, boolean passed, String detail, List<String> findings) {
		return new Check(name, passed, detail, List.copyOf(findings));
	}

}
