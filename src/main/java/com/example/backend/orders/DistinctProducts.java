package com.example.backend.orders;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.example.backend.orders.OrderRequests.OrderLine;

/**
 * Each product appears at most once in an order's lines: a validation rule like the
 * others, so it is reported with them (422, field {@code items}).
 */
@Documented
@Constraint(validatedBy = DistinctProducts.Validator.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface DistinctProducts {

	String message() default "each product may appear only once";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Missing lines or ids are left to {@code @NotNull}. */
	class Validator implements ConstraintValidator<DistinctProducts, List<OrderLine>> {

		@Override
		public boolean isValid(List<OrderLine> lines, ConstraintValidatorContext context) {
			if (lines == null) {
				return true;
			}
			Set<Long> seen = new HashSet<>();
			return lines.stream()
				.filter((line) -> line != null && line.productId() != null)
				.allMatch((line) -> seen.add(line.productId()));
		}

	}

}
